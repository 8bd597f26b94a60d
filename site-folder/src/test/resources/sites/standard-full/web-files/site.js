window.contoso = { ready: true };
