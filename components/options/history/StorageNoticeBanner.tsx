import { formatTime } from '@/components/shared/time';
import { plural } from '@/lib/core/plural';
import { dismissStorageNotice, readStorageNotice } from '@/lib/messaging/change-signals';
import { useStored } from '../shared/use-stored';

/** Says so when the disk was full and the background pruned the oldest history to keep sending. */
export function StorageNoticeBanner() {
  // Dismissed (removed) or reported again, the notice's key changes: read again either way.
  const [notice] = useStored(readStorageNotice, 'storageNotice');

  if (!notice) return null;
  return (
    <div class="storage-notice" role="status">
      <p class="storage-notice-text">
        The disk was full on {formatTime(notice.at)}:{' '}
        {notice.pruned === 1 ? 'the oldest run was' : `the ${plural(notice.pruned, 'oldest run')} were`} removed to keep
        sending.
      </p>
      <button type="button" onClick={() => void dismissStorageNotice()}>
        Dismiss
      </button>
    </div>
  );
}
