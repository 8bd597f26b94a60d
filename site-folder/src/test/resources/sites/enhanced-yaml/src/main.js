document.querySelector('#app').textContent = 'Contoso';
