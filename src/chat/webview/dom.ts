/** Tiny DOM helpers: elements are built with textContent and classes only (no HTML strings outside markdown.ts). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export function icon(name: string, extra = ''): HTMLElement {
  const span = el('span', `codicon codicon-${name}${extra ? ` ${extra}` : ''}`);
  span.setAttribute('aria-hidden', 'true');
  return span;
}

export function required<T extends Element>(selector: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`chat view: ${selector} is missing`);
  return found;
}

/** A button showing only a codicon; its accessible name (and tooltip) is `label`. */
export function iconButton(iconName: string, label: string, className = ''): HTMLButtonElement {
  const button = el('button', `icon-button${className ? ` ${className}` : ''}`);
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.title = label;
  button.append(icon(iconName));
  return button;
}

/** A text button styled like VS Code's secondary buttons. */
export function textButton(label: string, className = ''): HTMLButtonElement {
  const button = el('button', `secondary${className ? ` ${className}` : ''}`, label);
  button.type = 'button';
  return button;
}
