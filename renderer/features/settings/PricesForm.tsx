import { useState } from "react";
import type { PriceView } from "../../../runtime/contract/studio-api";
import { useSettings } from "../../state";

const SOURCE: Record<PriceView["source"], string> = {
  default: "shipped",
  config: "config file",
  studio: "set here",
};

const dollars = (text: string): number | undefined => {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** A price field: US dollars per million tokens, marked invalid once it holds something else. */
function DollarField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (text: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={value === "" || dollars(value) !== undefined ? undefined : true}
      />
    </div>
  );
}

/** The price table runs are priced with (US dollars per million tokens): change a price, add a model, or drop a price set here. */
export function PricesForm({ prices }: { prices: PriceView[] }) {
  const [model, setModel] = useState("");
  const [input, setInput] = useState("");
  const [output, setOutput] = useState("");
  const i = dollars(input);
  const o = dollars(output);
  const valid =
    /^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/.test(model.trim()) &&
    i !== undefined &&
    o !== undefined;
  const save = () => {
    if (!valid) return;
    void useSettings
      .getState()
      .update({ prices: { [model.trim()]: { input: i, output: o } } });
    setModel("");
    setInput("");
    setOutput("");
  };
  return (
    <section aria-labelledby="prices-title">
      <h3 id="prices-title">Prices</h3>
      <p className="muted">
        US dollars per million input and output tokens. A dated model id finds
        its family; a model without a price costs $0.
      </p>
      <div className="prices-scroll">
        <table className="prices-table" aria-label="Prices">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Input</th>
              <th scope="col">Output</th>
              <th scope="col">From</th>
              <th scope="col" aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {prices.map((p) => (
              <tr key={p.model}>
                <td className="mono">{p.model}</td>
                <td>{p.input}</td>
                <td>{p.output}</td>
                <td className="muted">{SOURCE[p.source]}</td>
                <td>
                  <button
                    type="button"
                    className="mini-button"
                    aria-label={`Edit the price of ${p.model}`}
                    onClick={() => (
                      setModel(p.model),
                      setInput(String(p.input)),
                      setOutput(String(p.output))
                    )}
                  >
                    Edit
                  </button>
                  {p.source === "studio" && (
                    <button
                      type="button"
                      className="mini-button"
                      aria-label={`Remove the price of ${p.model} set here`}
                      onClick={() =>
                        void useSettings
                          .getState()
                          .update({ prices: { [p.model]: null } })
                      }
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="limits-form"
        aria-label="Set a price"
        onSubmit={(e) => (e.preventDefault(), save())}
      >
        <div className="field">
          <label htmlFor="price-model">Model</label>
          <input
            id="price-model"
            className="input mono"
            placeholder="gpt-4o or provider/model"
            value={model}
            onChange={(e) => setModel(e.target.value)}
          />
        </div>
        <DollarField id="price-input" label="Input $ / 1M tokens" value={input} onChange={setInput} />
        <DollarField id="price-output" label="Output $ / 1M tokens" value={output} onChange={setOutput} />
        <button type="submit" className="button small" disabled={!valid}>
          Save price
        </button>
      </form>
    </section>
  );
}
