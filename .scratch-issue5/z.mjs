import { z } from 'zod';
const P = z.strictObject({ name: z.string(), type: z.enum(['string','integer'], {error:'one of string|integer'}).optional(), default: z.unknown().optional() })
  .superRefine((p, ctx) => { ctx.addIssue({ code: 'custom', path: ['default'], message: 'bad default', params: {full:true} }); });
const S = z.strictObject({ name: z.string({error:'a name'}), params: z.union([z.array(P), z.record(z.string(), P)]), x: z.number().optional() })
  .superRefine((v, ctx) => ctx.addIssue({code:'custom', message:'top'}))
  .transform(v => ({...v, t: 1}));
const r = S.safeParse({ name: 3, params: [{name:'a', type:'int'}, {name:'b'}], y: 1 });
console.log(JSON.stringify(r.error.issues, null, 1));
const r2 = S.safeParse({ name: 'x', params: {a: {type:'int'}} });
console.log(JSON.stringify(r2.error.issues, null, 1));
