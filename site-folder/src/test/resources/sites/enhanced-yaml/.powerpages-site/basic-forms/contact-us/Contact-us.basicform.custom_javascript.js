$('#emailaddress1').attr('autocomplete', 'email');
