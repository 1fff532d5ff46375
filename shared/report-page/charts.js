// The run report's charts, drawn by the inlined Chart.js from the JSON the page carries
// (#report-data, written by shared/src/core/report/chartSections.ts). Nothing is fetched.
(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const palette = [
    '#1f77b4',
    '#ff7f0e',
    '#2ca02c',
    '#d62728',
    '#9467bd',
    '#8c564b',
    '#e377c2',
    '#7f7f7f',
    '#bcbd22',
    '#17becf',
  ];
  const colour = (index) => palette[index % palette.length];
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  const axis = (title, extra = {}) => ({ title: { display: true, text: title }, ...extra });

  function lineChart(id, labels, series, xTitle, yTitle) {
    const canvas = document.getElementById(id);
    if (canvas === null) return;
    new Chart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: series.map((line, index) => ({
          label: line.name,
          data: line.values,
          borderColor: colour(index),
          backgroundColor: colour(index),
          spanGaps: true,
          tension: 0,
        })),
      },
      options: { scales: { x: axis(xTitle), y: axis(yTitle) } },
    });
  }

  function curveChart(id, key, yTitle) {
    const canvas = document.getElementById(id);
    if (canvas === null) return;
    new Chart(canvas, {
      type: 'line',
      data: {
        datasets: data.curves.map((curve, index) => ({
          label: curve.programId,
          data: curve.epochs.map((epoch, at) => ({ x: epoch, y: curve[key][at] })),
          borderColor: colour(index),
          backgroundColor: colour(index),
          pointRadius: 1.5,
        })),
      },
      options: {
        scales: { x: axis('epoch', { type: 'linear' }), y: axis(yTitle) },
        plugins: { legend: { display: data.curves.length <= 20 } },
      },
    });
  }

  function paretoChart(id, key, xTitle) {
    const canvas = document.getElementById(id);
    if (canvas === null) return;
    const measured = data.pareto.filter((point) => typeof point[key] === 'number');
    const pointsOf = (onFront) =>
      measured
        .filter((point) => point.onFront === onFront)
        .map((point) => ({ x: point[key], y: point.accuracy, programId: point.programId }));
    new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: 'on the front',
            data: pointsOf(true),
            backgroundColor: '#d62728',
            pointRadius: 6,
          },
          { label: 'dominated', data: pointsOf(false), backgroundColor: '#9e9e9e', pointRadius: 4 },
        ],
      },
      options: {
        scales: { x: axis(xTitle), y: axis('validation NDCG@10') },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.raw.programId}: ${xTitle} ${item.raw.x.toFixed(4)}, NDCG@10 ${item.raw.y.toFixed(4)}`,
            },
          },
        },
      },
    });
  }

  lineChart(
    'chart-best-accuracy',
    data.generations,
    data.bestAccuracy,
    'generation',
    'best so far (validation, held-out users)'
  );
  lineChart(
    'chart-best-feedback',
    data.generations,
    data.bestFeedback,
    'generation',
    'best so far'
  );
  curveChart('chart-curves-ndcg', 'valNdcg10', "job's validation NDCG@10 (tuning users)");
  curveChart('chart-curves-loss', 'loss', 'training loss');
  paretoChart('chart-pareto-satisfaction', 'satisfaction', 'satisfaction');
  paretoChart('chart-pareto-coverage', 'coverage', 'catalogue coverage');
})();
