/**
 * A link someone wrote: opens in a new tab, without handing this page to the
 * other site or vouching for it. The tokenizer only makes links of http(s) URLs.
 */
export function ExternalLink(props: { readonly text: string; readonly url: string }) {
  return (
    <a
      class="external-link"
      href={props.url}
      target="_blank"
      rel="noopener noreferrer nofollow ugc"
    >
      {props.text}
    </a>
  );
}
