import { useEditor, useTests, type TestScope } from '../../state';

/** Tests read the files on disk: unsaved edits are saved first, as a run does. */
export async function runTests(scope: TestScope, options: { record?: boolean } = {}): Promise<void> {
  if (await useEditor.getState().saveAll()) await useTests.getState().run(scope, options);
}
