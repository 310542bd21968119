import { z } from 'zod';
const R = z.record(z.string().regex(/^[a-z]+$/, {error:'lower'}), z.number());
console.log(JSON.stringify(z.object({r:R}).safeParse({r:{AB:1, cd:'x'}}).error.issues));
const U = z.union([z.number().positive(), z.string().regex(/s$/)], {error:'a duration'});
console.log(JSON.stringify(z.object({u:U}).safeParse({u:-1}).error.issues));
