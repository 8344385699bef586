(function(){
  function key(td){var v=td.getAttribute('data-v');return v===null?td.textContent.trim().toLowerCase():v;}
  document.querySelectorAll('table.sortable').forEach(function(t){
    t.querySelectorAll('th[data-sort]').forEach(function(th,col){
      th.title='sort';
      th.addEventListener('click',function(){
        var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows),num=th.getAttribute('data-sort')==='num';
        var dir=th.getAttribute('data-dir')==='asc'?-1:1;th.setAttribute('data-dir',dir===1?'asc':'desc');
        var idx=th.cellIndex;
        rows.sort(function(a,b){var x=key(a.cells[idx]),y=key(b.cells[idx]);
          if(num){x=parseFloat(x)||0;y=parseFloat(y)||0;return (x-y)*dir;}
          return x<y?-dir:x>y?dir:0;});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  // A printed report shows everything: folded sections open for print.
  window.addEventListener('beforeprint',function(){
    document.querySelectorAll('details:not([open])').forEach(function(d){d.setAttribute('open','');d.setAttribute('data-printed','');});
  });
  window.addEventListener('afterprint',function(){
    document.querySelectorAll('details[data-printed]').forEach(function(d){d.removeAttribute('open');d.removeAttribute('data-printed');});
  });
})();
