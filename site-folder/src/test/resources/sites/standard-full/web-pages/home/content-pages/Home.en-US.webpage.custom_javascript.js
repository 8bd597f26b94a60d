$(function () { console.log('home'); });
