// The "Print / Save as PDF" button: the browser's own print dialog.
document.getElementById("print")?.addEventListener("click", () => window.print());
