document.documentElement.classList.add("lab");
