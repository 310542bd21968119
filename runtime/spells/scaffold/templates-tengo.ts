/**
 * The Tengo sources of the `llmspell create` templates (templates.ts holds the rest). They import
 * the bridges they use; failures come back as error values.
 */
import type { TemplateName } from './templates';

const WORD_COUNT = `tools.register("word_count", "Counts the words in a text",
  {type: "object", properties: {text: {type: "string"}}, required: ["text"]},
  func(args) { return {words: len(text.fields(args.text))} })
`;

export const TENGO_SOURCES: Record<TemplateName, string> = {
  basic: `// {{name}}: greets someone by name.
fmt := import("fmt")
params := import("params")
fmt.println("Hello, " + params.name + "!")
`,
  chat: `// {{name}}: a short conversation with an LLM that keeps its history.
fmt := import("fmt")
llm := import("llm")
params := import("params")
history := [{role: "system", content: "You are a concise assistant."}]
ask := func(question) {
  history = append(history, {role: "user", content: question})
  answer := llm.chat_with_history(history)
  if is_error(answer) { return answer }
  history = append(history, {role: "assistant", content: answer})
  return answer
}
fmt.println(ask(params.question))
fmt.println(ask("Now say it in one sentence."))
`,
  agent: `// {{name}}: an agent that counts words with a tool and lets an LLM phrase the answer.
fmt := import("fmt")
llm := import("llm")
text := import("text")
tools := import("tools")
agents := import("agents")
params := import("params")
${WORD_COUNT}
agents.register("{{name}}", func(task, opts) {
  counted := tools.execute("word_count", {text: task})
  if is_error(counted) { return counted }
  return llm.chat(format("%s\\n(The text has %d words.) Answer briefly.", task, counted.words))
})
answer := agents.execute("{{name}}", params.task)
if is_error(answer) {
  fmt.println("the agent failed: ", answer.value)
} else {
  fmt.println(answer)
}
`,
  pipeline: `// {{name}}: three LLM steps, each working on the previous one's output.
fmt := import("fmt")
llm := import("llm")
log := import("log")
params := import("params")
steps := [
  {name: "outline", prompt: "Write a three-point outline about: %s"},
  {name: "draft", prompt: "Write one paragraph from this outline:\\n%s"},
  {name: "polish", prompt: "Make this paragraph clearer and shorter:\\n%s"}
]
out := params.topic
for step in steps {
  out = llm.chat(format(step.prompt, out))
  if is_error(out) {
    fmt.println(step.name, " failed: ", out.value)
    break
  }
  log.info("step done", "step", step.name)
}
fmt.println(out)
`,
  tool: `// {{name}}: defines a word_count tool and calls it.
fmt := import("fmt")
text := import("text")
tools := import("tools")
params := import("params")
${WORD_COUNT}
result := tools.execute("word_count", {text: params.text})
if is_error(result) {
  fmt.println("word_count failed: ", result.value)
} else {
  fmt.println(format("%d words", result.words))
}
`,
};

/** The Tengo tests of the templates (tests/<name>.test.tengo), run by `llmspell test` with the mock LLM. */
const test = (params: string, check: string) => `testing := import("testing")
testing.test("runs with the mock LLM", func() {
  r := testing.run_spell(${params})
  testing.expect(r.err).to_be_undefined()
  testing.expect(r.output).${check}
})
`;

export const TENGO_TESTS: Record<TemplateName, string> = {
  basic: test('{name: "Ada"}', 'to_contain("Hello, Ada!")'),
  chat: test('{question: "What is Tengo?"}', 'to_contain("What is Tengo?")'),
  agent: test('{task: "Count the words in: a b c"}', 'to_match(".+")'),
  pipeline: test('{topic: "tea"}', 'to_match(".+")'),
  tool: test('{text: "one two three"}', 'to_contain("3 words")'),
};
