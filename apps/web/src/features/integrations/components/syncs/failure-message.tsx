import { describeFailure } from './failure-text.ts';

/** A recorded failure in plain words, with Salesforce's own message (and error code) under Details. */
export function FailureMessage({ recorded, prefix }: { recorded: string; prefix?: string }) {
  const { sentence, detail } = describeFailure(recorded);
  return (
    <span className="failure">
      <span>
        {prefix}
        {sentence}
      </span>
      {detail && (
        <details className="failure-details">
          <summary>Details from Salesforce</summary>
          <code>{detail}</code>
        </details>
      )}
    </span>
  );
}
