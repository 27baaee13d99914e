/**
 * Images into the chat input: pasted (a screenshot from the clipboard), dropped onto the input, or chosen with the
 * Attach Image button. Each is read as a `data:` URI and handed to `add`; the host checks its type and size
 * (core/chat/images.ts) and shows it as a chip. Text pastes and drops are left to the textarea.
 */

/** The image files among `files` (what a paste or a drop carries). */
function imagesIn(files: FileList | null | undefined): File[] {
  return Array.from(files ?? []).filter((file) => file.type.startsWith('image/'));
}

function read(file: File, add: (name: string, dataUrl: string) => void): void {
  const reader = new FileReader();
  reader.addEventListener('load', () => {
    if (typeof reader.result === 'string') add(file.name || 'image.png', reader.result);
  });
  reader.readAsDataURL(file);
}

export function watchImageInput(root: HTMLElement, input: HTMLTextAreaElement, chooser: HTMLInputElement, button: HTMLButtonElement, add: (name: string, dataUrl: string) => void): void {
  input.addEventListener('paste', (event) => {
    const images = imagesIn(event.clipboardData?.files);
    if (!images.length) return;
    event.preventDefault();
    for (const file of images) read(file, add);
  });
  root.addEventListener('dragover', (event) => {
    if (Array.from(event.dataTransfer?.items ?? []).some((item) => item.kind === 'file')) event.preventDefault();
  });
  root.addEventListener('drop', (event) => {
    const images = imagesIn(event.dataTransfer?.files);
    if (!images.length) return;
    event.preventDefault();
    for (const file of images) read(file, add);
  });
  button.addEventListener('click', () => chooser.click());
  chooser.addEventListener('change', () => {
    for (const file of imagesIn(chooser.files)) read(file, add);
    chooser.value = '';
  });
}
