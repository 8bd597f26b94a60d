$(document).ready(function () {
  $('#emailaddress1').attr('autocomplete', 'email');
});
