import { formatWhen, useEditor } from '../../state';

/**
 * Banners above the editor: unsaved edits found after a reload (restore or discard — never
 * dropped silently), a save refused because the file changed on disk, and other errors.
 */
export function EditorBanners() {
  const offers = useEditor((s) => s.offers);
  const conflict = useEditor((s) => s.conflict);
  const error = useEditor((s) => s.error);
  const { restore, discard, save, reloadFromDisk, dismissError } = useEditor.getState();
  if (!offers.length && !conflict && !error) return null;
  return (
    <div className="banners">
      {offers.map((offer) => (
        <div key={offer.file} className="banner banner-info" role="alert">
          <span>
            Unsaved changes to <strong>{offer.file}</strong> from {formatWhen(offer.savedAt)} were recovered.
          </span>
          <button type="button" className="button small primary" onClick={() => restore(offer.file)}>
            Restore
          </button>
          <button type="button" className="button small" onClick={() => void discard(offer.file)}>
            Discard
          </button>
        </div>
      ))}
      {conflict && (
        <div className="banner banner-warn" role="alert">
          <span>
            <strong>{conflict}</strong> changed on disk since it was opened; it was not saved.
          </span>
          <button type="button" className="button small primary" onClick={() => void save(conflict, { overwrite: true })}>
            Overwrite
          </button>
          <button type="button" className="button small" onClick={() => void reloadFromDisk(conflict)}>
            Load disk version
          </button>
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          <span>{error}</span>
          <button type="button" className="button small" onClick={dismissError}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
