//! The scaling plot beside BENCHMARKS.md's tables: generation time and peak memory
//! against requests, log-log, drawn with `plotters` (SVG backend only).

use plotters::prelude::*;

use crate::scaling::ScalingResult;

/// The plot of `scaling` as SVG text.
pub fn scaling_svg(scaling: &ScalingResult) -> Result<String, String> {
    let requests: Vec<f64> = scaling.sizes.iter().map(|s| s.requests as f64).collect();
    let time: Vec<(f64, f64)> = scaling
        .sizes
        .iter()
        .map(|s| (s.requests as f64, s.times.median()))
        .collect();
    let fastest: Vec<(f64, f64)> = scaling
        .sizes
        .iter()
        .map(|s| (s.requests as f64, s.times.min()))
        .collect();
    let memory: Vec<(f64, f64)> = scaling
        .sizes
        .iter()
        .map(|s| (s.requests as f64, s.peak.max() / 1e6))
        .collect();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (960, 400)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (left, right) = root.split_horizontally(480);
        panel(
            &left,
            "Generation time",
            "seconds",
            &requests,
            &[("median", &time, BLUE), ("minimum", &fastest, CYAN)],
        )?;
        panel(
            &right,
            "Peak memory (RSS)",
            "MB",
            &requests,
            &[("peak", &memory, RED)],
        )?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// A line of a chart: its label, its points and its colour.
type Series<'a> = (&'a str, &'a [(f64, f64)], RGBColor);

/// One log-log chart of `series` against requests.
fn panel(
    area: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    title: &str,
    unit: &str,
    requests: &[f64],
    series: &[Series<'_>],
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    let bounds = |values: &mut dyn Iterator<Item = f64>| {
        values.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
    };
    let (x_lo, x_hi) = bounds(&mut requests.iter().copied());
    let (y_lo, y_hi) = bounds(
        &mut series
            .iter()
            .flat_map(|(_, points, _)| points.iter().map(|p| p.1)),
    );
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(
            (x_lo / 1.5..x_hi * 1.5).log_scale(),
            (y_lo / 2.0..y_hi * 2.0).log_scale(),
        )
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("requests in the collection")
        .y_desc(unit)
        .draw()
        .map_err(err)?;
    for (label, points, color) in series {
        let color = *color;
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                color.stroke_width(2),
            ))
            .map_err(err)?
            .label(*label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
        chart
            .draw_series(points.iter().map(|p| Circle::new(*p, 4, color.filled())))
            .map_err(err)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()
        .map_err(err)?;
    Ok(())
}
