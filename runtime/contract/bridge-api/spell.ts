import { opt, p, t, type ApiModule } from './model';

/** `spell`: running other spells of the library from a spell. */
export const SPELL_MODULE: ApiModule = {
  name: 'spell',
  tengo: false,
  doc: 'Runs other spells of the library as nested runs that share this run\'s time and memory budget and get no more than its permissions.',
  functions: [
    {
      name: 'run',
      doc: 'Runs the spell `name` of the library with `params` (checked against its manifest); returns what it returned, or else its output text.',
      params: [p('name', t.string, 'A spell in the library.'), opt('params', t.map(t.any), 'Its parameters.')],
      returns: t.any,
      fails: true,
      async: true,
      rpc: ['spell.run'],
    },
  ],
};
