import { create } from 'zustand';
import type { SpellParameter } from '../../runtime/contract/spell-parameter';
import { initialValues, validateForm, type FormValues } from './params-form';
import type { KeyValueStorage } from './ui-store';

export interface ParamsState {
  /** Input values per spell path, remembered across reloads. */
  values: Record<string, FormValues>;
  /** Problems of the last validation, per field, for the open spell. */
  errors: Record<string, string>;
  valuesFor(path: string, fields: readonly SpellParameter[]): FormValues;
  setValue(path: string, fields: readonly SpellParameter[], name: string, value: string | boolean): void;
  /** Fills the form from a past run's params (re-run). */
  fill(path: string, fields: readonly SpellParameter[], params: Record<string, unknown>): void;
  reset(path: string, fields: readonly SpellParameter[]): void;
  /** Typed params when every field is valid; otherwise records the errors and returns undefined. */
  validate(path: string, fields: readonly SpellParameter[]): Record<string, unknown> | undefined;
}

const KEY = 'llmspell.params';

/** The parameters form's store: values per spell, validated with the manifest's rules. */
export function createParamsStore(storage?: KeyValueStorage) {
  let stored: Record<string, FormValues> = {};
  try {
    stored = JSON.parse(storage?.getItem(KEY) ?? '{}') as Record<string, FormValues>;
  } catch {
    stored = {};
  }
  return create<ParamsState>()((set, get) => {
    const put = (path: string, values: FormValues, errors: Record<string, string> = get().errors) => {
      const all = { ...get().values, [path]: values };
      set({ values: all, errors });
      storage?.setItem(KEY, JSON.stringify(all));
    };
    return {
      values: stored,
      errors: {},
      valuesFor: (path, fields) => ({ ...initialValues(fields), ...pick(get().values[path], fields) }),
      setValue(path, fields, name, value) {
        const { [name]: _fixed, ...errors } = get().errors;
        put(path, { ...get().valuesFor(path, fields), [name]: value }, errors);
      },
      fill: (path, fields, params) => put(path, initialValues(fields, params), {}),
      reset: (path, fields) => put(path, initialValues(fields), {}),
      validate(path, fields) {
        const result = validateForm(fields, get().valuesFor(path, fields));
        set({ errors: result.ok ? {} : result.errors });
        return result.ok ? result.params : undefined;
      },
    };
  });
}

/** Remembered values of fields that still exist with the same kind of input. */
function pick(values: FormValues | undefined, fields: readonly SpellParameter[]): FormValues {
  if (!values) return {};
  const kept: FormValues = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v !== undefined && typeof v === (f.type === 'boolean' ? 'boolean' : 'string')) kept[f.name] = v;
  }
  return kept;
}
