// Added to index.html by buildwasm serve: reloads the page when a build
// other than the one it shows has finished (a fix, an edit, an error).
const shown = new URL(import.meta.url).searchParams.get("gen");
new EventSource("/_buildwasm/events").addEventListener("build", (event) => {
  if (event.data !== shown) location.reload();
});
