// Downloading everything Kith holds about the person: the API's part and
// what the module serves them (their posts, comments, friends...).
import { exportAccount } from '../api-client/account-api';
import { useLive } from '../live/live-context';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { networkExport } from './network-export';
import { SettingsSection } from './settings-section';

export function DataExport() {
  const { data } = useLive();
  const download = createAction(async () => {
    const account = await exportAccount();
    const everything = {
      exportedAt: new Date().toISOString(),
      account,
      network: networkExport(data),
    };
    const json = JSON.stringify(
      everything,
      (_key, value) => (typeof value === 'bigint' ? value.toString() : value),
      2,
    );
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `kith-${data.me()?.username ?? 'export'}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return (
    <SettingsSection id="data" title="Your data">
      <p>Download your account, posts, comments, reactions and friends as one JSON file.</p>
      <button
        type="button"
        class="button"
        disabled={download.busy()}
        onClick={() => void download.run()}
      >
        {download.busy() ? 'Preparing…' : 'Download my data'}
      </button>
      <FormError message={download.error()} />
    </SettingsSection>
  );
}
