import { useRef, useState, type DragEvent } from 'react';
import { useConsent } from '../../state';

/** True while something dragged over carries files (text or a link is no bundle). */
const carriesFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/**
 * Drag and drop of a `.spell` file onto the library: the props to spread on its element, and whether
 * a file is over it now (for the outline).
 */
export function useBundleDrop() {
  const [over, setOver] = useState(false);
  return {
    over,
    props: {
      onDragOver(e: DragEvent) {
        if (!carriesFiles(e)) return;
        e.preventDefault(); // marks the library as a place to drop
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave(e: DragEvent) {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      },
      onDrop(e: DragEvent) {
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (!file) return;
        e.preventDefault(); // the browser would otherwise open the file in place of the studio
        void useConsent.getState().importFile(file);
      },
    },
  };
}

/** The library's "Import bundle" button: picks a `.spell` file and asks whether to install it. */
export function ImportBundleButton() {
  const input = useRef<HTMLInputElement>(null);
  const busy = useConsent((s) => s.busy);
  return (
    <>
      <button type="button" className="button small" onClick={() => input.current?.click()} disabled={busy} title="Install a spell from a .spell bundle (or drop the file on the library)">
        Import bundle…
      </button>
      <input
        ref={input}
        type="file"
        accept=".spell"
        aria-label="Spell bundle to import"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = ''; // the same file picked again is a new import
          if (file) void useConsent.getState().importFile(file);
        }}
      />
    </>
  );
}

/** What the last import or export did, under the library's header. */
export function BundleNotice() {
  const notice = useConsent((s) => s.notice);
  if (!notice) return null;
  return (
    <p className={notice.error ? 'inline-error' : 'inline-note'} role={notice.error ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}

/** Exports a spell as `name-version.spell` and hands it to the browser as a download. */
export async function downloadBundle(path: string): Promise<void> {
  const bundle = await useConsent.getState().exportSpell(path);
  if (!bundle) return;
  const url = URL.createObjectURL(new Blob([bundle.bytes as BlobPart], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = bundle.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // after the click has handed the blob to the download
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
