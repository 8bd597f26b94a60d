document.addEventListener('DOMContentLoaded', function () { console.log('home'); });
