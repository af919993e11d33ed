// Starts the page's WebAssembly. An external file, because the Content-Security-Policy
// forbids inline scripts; Trunk's pattern_script (Trunk.toml) points it at the hashed files.
const me = document.querySelector('script[data-wasm]');
const init = await import(me.dataset.js);
await init.default({ module_or_path: me.dataset.wasm });

// Offline once loaded: sw.js keeps a copy of this page's own files (and nothing else). Its URL
// is relative, so its scope is the folder the page is served from. Registered once the page has
// loaded, so that copying the files does not slow the first visit; a browser without service
// workers (or one refusing them, as some private modes do) still has the page, online only.
function keepOffline() {
  navigator.serviceWorker?.register('sw.js').catch(() => {});
}
if (document.readyState === 'complete') keepOffline();
else addEventListener('load', keepOffline, { once: true });
