// Contoso demo site (Power Pages Stack Emulator): marks the page as scripted, nothing more.
document.documentElement.classList.add("js");
