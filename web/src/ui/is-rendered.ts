// Whether an element takes part in the page's layout (not display:none, not
// inside a closed <details>): Element.checkVisibility where the browser has
// it, and its layout boxes elsewhere (Safari before 17.4, our es2022 target).
export function isRendered(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') return element.checkVisibility();
  return element.getClientRects().length > 0;
}
