/* Material for MkDocs 9.8.2 partials/javascripts/content.html, moved out of the page so the CSP needs no inline script;
   then the drawer and search toggles start closed, as their autocomplete="off" (removed from every built page by scripts/site/theme.py) made sure. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
for(var id of["__drawer","__search"]){var toggle=document.getElementById(id);toggle&&(toggle.checked=!1)}
