import { useEffect, useState } from 'preact/hooks';
import { formatTime } from '@/components/shared/time';
import { plural } from '@/lib/core/plural';
import { dismissStorageNotice, onChange, readStorageNotice, type StorageNotice } from '@/lib/messaging/change-signals';

/** Says so when the disk was full and the background pruned the oldest history to keep sending. */
export function StorageNoticeBanner() {
  const [notice, setNotice] = useState<StorageNotice>();

  useEffect(() => {
    const reload = () => void readStorageNotice().then(setNotice);
    reload();
    return onChange('storageNotice', reload);
  }, []);

  if (!notice) return null;
  return (
    <div class="storage-notice" role="status">
      <p class="storage-notice-text">
        The disk was full on {formatTime(notice.at)}:{' '}
        {notice.pruned === 1 ? 'the oldest run was' : `the ${plural(notice.pruned, 'oldest run')} were`} removed to keep
        sending.
      </p>
      <button
        type="button"
        onClick={async () => {
          await dismissStorageNotice();
          setNotice(undefined);
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
