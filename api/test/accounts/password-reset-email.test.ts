// With SMTP_URL set, reset links go out by email through a real SMTP server
// (smtp-server on a random local port) and are not logged.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';

interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly text: string;
}

/** Nodemailer wraps long lines of the text part as quoted-printable. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
}

describe('password reset by email', () => {
  const received: ReceivedMail[] = [];
  let smtp: SMTPServer;
  let api: TestApi;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            text: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    api = await createTestApi('pglite', {
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Kith <kith@kith.test>' },
    });
  });
  afterAll(async () => {
    await api?.close();
    await new Promise<void>((resolve) => smtp?.close(resolve));
  });

  it('emails the link to the account’s address, and it works', async () => {
    const admin = await api.signUpAdmin();
    const olga = await api.signUpMember(admin, 'olga');
    await olga.expect(200, 'PATCH', '/v1/account', {
      email: 'olga@example.com',
      password: TEST_PASSWORD,
    });
    await api.client().expect(202, 'POST', '/v1/auth/password-reset', { login: 'olga' });

    const mail = await eventually(() => {
      const found = received.find((message) => message.to.includes('olga@example.com'));
      if (found === undefined) throw new Error('no mail yet');
      return found;
    });
    expect(mail.from).toBe('kith@kith.test');
    expect(mail.text).toMatch(/Subject: Reset your Kith password/);
    const link = /http:\/\/kith\.test\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail.text);
    expect(link).not.toBeNull();
    expect(api.logs.text()).not.toContain(link?.[1]);

    await api.client().expect(204, 'POST', '/v1/auth/password-reset/confirm', {
      token: link?.[1],
      newPassword: 'the emailed new password',
    });
    await api.client().expect(200, 'POST', '/v1/auth/login', {
      username: 'olga',
      password: 'the emailed new password',
    });
    expect(
      (
        await api
          .client()
          .request('POST', '/v1/auth/login', { username: 'olga', password: TEST_PASSWORD })
      ).status,
    ).toBe(401);
  });

  it('tells the old address when the email changes or is removed, and nobody when there was none', async () => {
    const admin = api.client();
    await admin.expect(200, 'POST', '/v1/auth/login', {
      username: 'admin_user',
      password: TEST_PASSWORD,
    });
    const pia = await api.signUpMember(admin, 'pia');
    const before = received.length;
    await pia.expect(200, 'PATCH', '/v1/account', {
      email: 'pia@example.com',
      password: TEST_PASSWORD,
    });
    await pia.expect(200, 'PATCH', '/v1/account', {
      email: 'pia.new@example.com',
      password: TEST_PASSWORD,
    });
    const changed = await eventually(() => {
      const found = received.find((message) => message.to.includes('pia@example.com'));
      if (found === undefined) throw new Error('no notice yet');
      return found;
    });
    expect(changed.text).toMatch(/Subject: Your Kith email address was changed/);
    expect(changed.text).toContain('was changed to pia.new@example.com');

    await pia.expect(200, 'PATCH', '/v1/account', { email: null, password: TEST_PASSWORD });
    const removed = await eventually(() => {
      const found = received.find((message) => message.to.includes('pia.new@example.com'));
      if (found === undefined) throw new Error('no notice yet');
      return found;
    });
    expect(removed.text).toContain('was removed from your Kith account');
    // Setting the first address told nobody: two notices in all.
    expect(received.slice(before).map((message) => message.to)).toEqual([
      ['pia@example.com'],
      ['pia.new@example.com'],
    ]);
  });

  it('sends nothing for an account without an email address, and says so in the log', async () => {
    const before = received.length;
    const admin = api.client();
    await admin.expect(200, 'POST', '/v1/auth/login', {
      username: 'admin_user',
      password: TEST_PASSWORD,
    });
    await api.client().expect(202, 'POST', '/v1/auth/password-reset', { login: 'admin_user' });
    await eventually(() => {
      expect(api.logs.text()).toMatch(/account without an email address/);
    });
    expect(received.length).toBe(before);
  });
});
