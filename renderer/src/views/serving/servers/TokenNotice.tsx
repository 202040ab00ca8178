import { useId } from 'react';
import { useNotices } from '../../../app/notices';

interface Props {
  token: string;
  url: string;
  onDismiss: () => void;
}

/** The server's token, shown once: it is not kept anywhere it could be shown again. */
export function TokenNotice({ token, url, onDismiss }: Props) {
  const { inform, reportError } = useNotices();
  const id = useId();
  const copy = (): void => {
    navigator.clipboard.writeText(token).then(() => inform('Copied the token.'), reportError);
  };
  return (
    <section className="sv-token" aria-labelledby={`${id}-title`} data-testid="serving-token-notice">
      <h3 id={`${id}-title`}>The token for {url}</h3>
      <p className="sv-hint">
        Clients send it as <code>Authorization: Bearer …</code>. It is shown only now: copy it before closing this.
      </p>
      <div className="sv-token-row">
        <label htmlFor={`${id}-token`} className="sv-visually-hidden">
          Token
        </label>
        <input id={`${id}-token`} readOnly value={token} spellCheck={false} onFocus={(event) => event.target.select()} data-testid="serving-token" />
        <button type="button" onClick={copy} data-testid="serving-token-copy">
          Copy
        </button>
        <button type="button" onClick={onDismiss} data-testid="serving-token-dismiss">
          Done
        </button>
      </div>
    </section>
  );
}
