// Progressive enhancement: "near me" fills the near field from the browser's position and
// submits the search. Without JavaScript or geolocation the button stays hidden; typing a
// point still works.
(function () {
  'use strict';
  var button = document.getElementById('near-me');
  var field = document.getElementById('near');
  if (!button || !field || !navigator.geolocation) { return; }
  var status = document.getElementById('near-me-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    button.disabled = true;
    if (status) { status.textContent = button.getAttribute('data-locating'); }
    navigator.geolocation.getCurrentPosition(function (position) {
      field.value = position.coords.latitude.toFixed(4) + ',' + position.coords.longitude.toFixed(4);
      field.form.submit();
    }, function () {
      button.disabled = false;
      if (status) { status.textContent = button.getAttribute('data-failed'); }
    }, { maximumAge: 600000, timeout: 15000 });
  });
})();
