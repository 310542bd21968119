/**
 * The `llmspell create` templates: one entry per template with its manifest fragments, the Lua and
 * JavaScript sources and a test. `{{name}}` is replaced by the spell's name. The sources use only
 * the bridges every engine provides (params, llm, agents, tools, log).
 */

/** A template's parts. */
export interface SpellTemplate {
  description: string;
  tags: string[];
  /** YAML lines under `parameters:` (list shape), indented by two spaces. */
  parameters: string;
  /** YAML lines under `permissions:`, or '' for none. */
  permissions: string;
  lua: string;
  js: string;
  /** tests/<name>.test.lua: run by `llmspell test` with the mock LLM. */
  test: string;
}

/** Names of the templates, the first one the default. */
export const TEMPLATE_NAMES = ['basic', 'chat', 'agent', 'pipeline', 'tool'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const LLM = '  llm: true\n';

export const TEMPLATES: Record<TemplateName, SpellTemplate> = {
  basic: {
    description: 'Greets someone by name.',
    tags: ['example'],
    parameters: '  - name: name\n    type: string\n    description: Who to greet\n    default: world\n',
    permissions: '',
    lua: '-- {{name}}: greets someone by name.\nprint("Hello, " .. params.name .. "!")\n',
    js: '// {{name}}: greets someone by name.\nexport default async function main(params) {\n  console.log(`Hello, ${params.name}!`);\n}\n',
    test: 'local output = run_spell({ name = "Ada" })\nexpect(output).to_contain("Hello, Ada!")\n',
  },
  chat: {
    description: 'Asks an LLM a question and a follow-up, keeping the conversation.',
    tags: ['llm', 'chat'],
    parameters: '  - name: question\n    type: string\n    description: The first question\n    default: What is a spell?\n',
    permissions: LLM,
    lua: `-- {{name}}: a short conversation with an LLM that keeps its history.
local history = { { role = "system", content = "You are a concise assistant." } }

local function ask(text)
  history[#history + 1] = { role = "user", content = text }
  local answer, err = llm.chat_with_history(history)
  if not answer then error("the LLM call failed: " .. tostring(err)) end
  history[#history + 1] = { role = "assistant", content = answer }
  return answer
end

print(ask(params.question))
print(ask("Now say it in one sentence."))
`,
    js: `// {{name}}: a short conversation with an LLM that keeps its history.
export default async function main(params) {
  const history = [{ role: 'system', content: 'You are a concise assistant.' }];
  const ask = async (text) => {
    history.push({ role: 'user', content: text });
    const answer = await llm.chatWithHistory(history);
    history.push({ role: 'assistant', content: answer });
    return answer;
  };
  console.log(await ask(params.question));
  console.log(await ask('Now say it in one sentence.'));
}
`,
    test: 'local output = run_spell({ question = "What is Lua?" })\nexpect(output).to_contain("What is Lua?")\n',
  },
  agent: {
    description: 'An LLM agent with a tool of its own.',
    tags: ['llm', 'agents', 'tools'],
    parameters: '  - name: task\n    type: string\n    description: What the agent should do\n    default: How many words are in "spells are small programs"?\n',
    permissions: `${LLM}  tools: [word_count]\n`,
    lua: `-- {{name}}: an LLM agent that can count words with a tool.
tools.register("word_count", "Counts the words in a text",
  { type = "object", properties = { text = { type = "string" } }, required = { "text" } },
  function(args)
    local n = 0
    for _ in args.text:gmatch("%S+") do n = n + 1 end
    return { words = n }
  end)

-- agents.create returns the agent's name (agents.new would return the agent object).
local agent, err = agents.create({ name = "{{name}}", system_prompt = "Use your tools when they help.", tools = { "word_count" } })
if not agent then error(err) end
local answer, run_err = agents.execute(agent, params.task)
if not answer then error(run_err) end
print(answer)
`,
    js: `// {{name}}: an LLM agent that can count words with a tool.
export default async function main(params) {
  tools.register({
    name: 'word_count',
    description: 'Counts the words in a text',
    parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    run: ({ text }) => ({ words: text.split(/\\s+/).filter(Boolean).length }),
  });
  const agent = agents.create({ name: '{{name}}', systemPrompt: 'Use your tools when they help.', tools: ['word_count'] });
  console.log(await agent.run(params.task));
}
`,
    test: 'local output = run_spell({ task = "Count the words in: a b c" })\nexpect(output).to_match(".+")\n',
  },
  pipeline: {
    description: 'Outlines, drafts and polishes a text in three LLM steps.',
    tags: ['llm', 'pipeline', 'writing'],
    parameters: '  - name: topic\n    type: string\n    description: What to write about\n    required: true\n',
    permissions: LLM,
    lua: `-- {{name}}: three LLM steps, each working on the previous one's output.
local steps = {
  { name = "outline", prompt = "Write a three-point outline about: %s" },
  { name = "draft", prompt = "Write one paragraph from this outline:\\n%s" },
  { name = "polish", prompt = "Make this paragraph clearer and shorter:\\n%s" },
}

local text = params.topic
for _, step in ipairs(steps) do
  local out, err = llm.chat(step.prompt:format(text))
  if not out then error(step.name .. " failed: " .. tostring(err)) end
  log.info("step done", "step", step.name)
  text = out
end
print(text)
`,
    js: `// {{name}}: three LLM steps, each working on the previous one's output.
export default async function main(params) {
  const steps = [
    ['outline', (t) => \`Write a three-point outline about: \${t}\`],
    ['draft', (t) => \`Write one paragraph from this outline:\\n\${t}\`],
    ['polish', (t) => \`Make this paragraph clearer and shorter:\\n\${t}\`],
  ];
  let text = params.topic;
  for (const [name, prompt] of steps) {
    text = await llm.chat(prompt(text));
    log.info('step done', { step: name });
  }
  console.log(text);
}
`,
    test: 'local output = run_spell({ topic = "tea" })\nexpect(output).to_match(".+")\n',
  },
  tool: {
    description: 'Defines a tool and calls it.',
    tags: ['tools'],
    parameters: '  - name: text\n    type: string\n    description: The text to count words in\n    default: spells are small programs\n',
    permissions: '  tools: [word_count]\n',
    lua: `-- {{name}}: defines a word_count tool and calls it.
tools.register("word_count", "Counts the words in a text",
  { type = "object", properties = { text = { type = "string" } }, required = { "text" } },
  function(args)
    local n = 0
    for _ in args.text:gmatch("%S+") do n = n + 1 end
    return { words = n }
  end)

local result, err = tools.execute("word_count", { text = params.text })
if not result then error(err) end
print(("%d words"):format(result.words))
`,
    js: `// {{name}}: defines a word_count tool and calls it.
export default async function main(params) {
  tools.register({
    name: 'word_count',
    description: 'Counts the words in a text',
    parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    run: ({ text }) => ({ words: text.split(/\\s+/).filter(Boolean).length }),
  });
  const result = await tools.execute('word_count', { text: params.text });
  console.log(\`\${result.words} words\`);
}
`,
    test: 'local output = run_spell({ text = "one two three" })\nexpect(output).to_contain("3 words")\n',
  },
};
