// The Cite box's copy button. The button is hidden in the HTML and shown only here, so without
// JavaScript the reader sees the citation as selectable text and no dead button.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.status);
  if (!source) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.value);
    } catch {
      // No clipboard API (an old browser, or a page not served over https): select and copy.
      source.select();
      document.execCommand('copy');
    }
    if (status) status.textContent = button.dataset.done;
  });
}
