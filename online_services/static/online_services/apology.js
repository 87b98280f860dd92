// The apology slip (apology.html): its print button.
document.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
