$('.entitylist').addClass('news');
