import { afterAll, beforeAll } from 'vitest';
import { S3MediaStorage } from '../../src/storage/s3-media-storage.js';
import { describeMediaStorage } from './support/media-storage-contract.js';
import { type S3TestServer, startS3TestServer } from './support/s3-test-server.js';

const BASE = 'https://media.kith.example';
let server: S3TestServer;
let storage: S3MediaStorage;

beforeAll(async () => {
  server = await startS3TestServer();
  storage = new S3MediaStorage({
    endpoint: server.endpoint,
    region: 'auto',
    bucket: server.bucket,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    publicBaseUrl: BASE,
  });
});
afterAll(async () => {
  storage?.close();
  await server?.stop();
});

describeMediaStorage('S3MediaStorage against s3rver', () => ({
  storage: () => storage,
  publicBaseUrl: () => BASE,
}));
