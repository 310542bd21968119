import { z } from 'zod';
const S = z.strictObject({ name: z.string({error:'a name'}), entry: z.string().optional(), engine: z.string().optional() })
  .superRefine((v, ctx) => ctx.addIssue({code:'custom', message:'top ' + JSON.stringify(v), path:['engine']}), { when: () => true });
console.log(JSON.stringify(S.safeParse({ name: 3, entry: 'a.js', engine: 'lua' }).error.issues));
