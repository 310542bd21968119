print("llmspell-bench-first")
