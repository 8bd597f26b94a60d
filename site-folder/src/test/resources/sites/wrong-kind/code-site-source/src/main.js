console.log('a code site without .powerpages-site/');
