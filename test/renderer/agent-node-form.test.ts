import { describe, expect, it } from 'vitest';
import { formFields } from '../../renderer/features/workflow/config-schema';

describe('the agent node in the inspector', () => {
  it('offers the built-in agents as a choice', () => {
    const agent = formFields('agent').find((f) => f.name === 'agent');
    expect(agent).toMatchObject({ required: false, control: 'choice', choices: ['researcher', 'summarizer', 'json_extractor'] });
    expect(agent?.help).toMatch(/built-in agent/);
  });
});
