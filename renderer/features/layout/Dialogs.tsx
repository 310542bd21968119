import { useUi } from '../../state';
import { CompareDialog } from '../history/CompareDialog';
import { TraceDialog } from '../history/TraceDialog';
import { NewSpellDialog } from '../library/NewSpellDialog';
import { TrashDialog } from '../library/TrashDialog';
import { SettingsDialog } from '../settings/SettingsDialog';
import { HelpDialog } from '../help/HelpDialog';
import { ShortcutsDialog } from './ShortcutsDialog';

/** The one open dialog, if any (the UI store names it). */
export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  switch (dialog) {
    case 'settings':
      return <SettingsDialog />;
    case 'new-spell':
      return <NewSpellDialog />;
    case 'new-workflow':
      return <NewSpellDialog workflow />;
    case 'trash':
      return <TrashDialog />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'help':
      return <HelpDialog />;
    case 'compare':
      return <CompareDialog />;
    case 'trace':
      return <TraceDialog />;
    default:
      return null;
  }
}
