//! A table's chart on a canvas (plotters-canvas), sized to its container at the screen's
//! pixel density, with: values on hover and on keyboard focus (arrow keys), a legend whose
//! entries show or hide their series, a text alternative, "show as table", and downloads as
//! PNG, SVG and CSV. A chart costs two Tab stops: the chart itself (arrow keys read its
//! values) and its toolbar (the legend's entries and the buttons, arrow keys between them: a
//! roving tabindex). The container's width is followed with a hand-written `ResizeObserver`:
//! gloo has none.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

use super::browser::{self, device_ratio};
use super::table::{csv_button, table_html};
use crate::charts::{self, ChartSpec, ChartStyle, HitRegion, Key, Point};
use crate::paper;
use crate::present::{chart_spec, Table};

/// Width of the exported PNG and SVG, in pixels (the PNG is drawn at twice this).
const EXPORT_WIDTH: u32 = 900;

/// Width of the printed chart in CSS pixels: A4's 180 mm between the print margins
/// (`@page` in styles/careboard.css), so the printed drawing is shown at its own size and its
/// smallest text (13 px) prints at 9.75 pt. The screen's canvas, drawn at the window's width
/// and scaled down to the page, printed its text at about 6.5 pt.
const PRINT_WIDTH: u32 = 680;

/// Width of a small printed chart set beside its table (`.chart--beside`: 52% of the page in
/// the print CSS), again shown at its own size.
const PRINT_WIDTH_BESIDE: u32 = 352;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub table: Table,
}

/// The chart's height in CSS pixels for a width: horizontal bars grow with their categories.
fn height_for(spec: &ChartSpec, width: u32) -> u32 {
    match (spec.kind, spec.orientation) {
        (charts::ChartKind::Bars, charts::Orientation::Horizontal) => {
            let bars = spec.categories.len() as u32 * spec.series.len().max(1) as u32;
            (bars * 30 + 90).max(180)
        }
        _ => (width * 9 / 16).clamp(260, 400),
    }
}

/// Whether the paper prints the chart beside its table rather than above it: one series over a
/// few categories (a five-year trend, time in care) or a line over the months, and a table of
/// four columns or fewer, which both fit in part of the page's width. (Horizontal bars with
/// many categories stay full width: their labels need the room.)
fn prints_beside(spec: &ChartSpec, table: &Table) -> bool {
    let few = spec.categories.len() <= 6
        || (spec.kind == charts::ChartKind::Lines && spec.categories.len() <= 12);
    spec.series_count() == 1 && few && table.columns.len() <= 4
}

/// The printed chart's height: shorter than on screen (a committee paper has many charts),
/// with room for its drawn legend (three entries to a row at [`PRINT_WIDTH`]).
fn print_height(spec: &ChartSpec, beside: bool) -> u32 {
    let plot = match (spec.kind, spec.orientation) {
        (charts::ChartKind::Bars, charts::Orientation::Horizontal) => {
            let bars = spec.categories.len() as u32 * spec.series.len().max(1) as u32;
            (bars * 19 + 70).max(140)
        }
        _ if beside => 170,
        (charts::ChartKind::Lines, _) => 200,
        _ => 230,
    };
    let series = spec.series_count() as u32;
    let legend = if series > 1 {
        22 * series.div_ceil(3) + 6
    } else {
        0
    };
    plot + legend
}

/// The chart as the paper prints it: an SVG at its printed width with its legend drawn in (the
/// page's legend is buttons) and the series hidden on screen hidden too.
fn print_svg(spec: &ChartSpec, hidden: &[bool], beside: bool) -> String {
    let style = ChartStyle {
        hidden: hidden.to_vec(),
        focus: None,
        draw_title: false,
        draw_legend: spec.series_count() > 1,
        ..ChartStyle::default()
    };
    let width = if beside {
        PRINT_WIDTH_BESIDE
    } else {
        PRINT_WIDTH
    };
    charts::to_svg(spec, &style, width, print_height(spec, beside))
}

/// What a chart is drawn from: its spec, the series hidden, the point focused, the width.
struct Paint {
    spec: Rc<Option<ChartSpec>>,
    hidden: Vec<bool>,
    focus: Option<Point>,
    width: u32,
    beside: bool,
}

/// What a chart has drawn: its canvas (spec, width, series hidden, point focused), the spec
/// and series of its printed copy, whether a drawing waits in `browser::later` and whether a
/// printed copy waits for print (`browser::for_print`).
#[derive(Default)]
struct Done {
    drawn: Option<Paint>,
    printed: Option<(Rc<Option<ChartSpec>>, Vec<bool>, bool)>,
    queued: bool,
    print_queued: bool,
}

impl Done {
    /// Whether the printed copy shows `p`'s spec, series and layout (beside its table or not).
    fn printed_as(&self, p: &Paint) -> bool {
        self.printed.as_ref().is_some_and(|(spec, hidden, beside)| {
            Rc::ptr_eq(spec, &p.spec) && *hidden == p.hidden && *beside == p.beside
        })
    }
}

/// A chart's drawing, shared by its effect, its width observer and the drawing that waits in
/// `browser::later`. The width and the printed copy are kept here, out of Yew's state: as
/// state, each would render the chart (and its table) again, twice per chart of a new report,
/// for nothing that Yew draws.
#[derive(Default)]
struct Drawing {
    latest: RefCell<Option<Paint>>,
    done: RefCell<Done>,
    /// The container's width as the observer last reported it (0 before its first report).
    width: Cell<u32>,
    wrap_ref: NodeRef,
    canvas_ref: NodeRef,
    /// The printed copy's container: its SVG is written straight into it (it has no children
    /// of Yew's, so no render of Yew's touches it).
    print_ref: NodeRef,
    regions: RefCell<Vec<HitRegion>>,
}

impl Drawing {
    /// Draws the latest [`Paint`] in a later task (`browser::later`), unless one waits there.
    fn queue(self: &Rc<Self>) {
        if std::mem::replace(&mut self.done.borrow_mut().queued, true) {
            return;
        }
        let drawing = self.clone();
        browser::later(move || {
            drawing.done.borrow_mut().queued = false;
            drawing.paint_latest();
        });
    }

    /// Draws the latest [`Paint`] on the canvas, and asks for its printed copy (made when the
    /// page is printed) when its spec or series changed.
    fn paint_latest(self: &Rc<Self>) {
        let latest = self.latest.borrow();
        let Some(p) = latest.as_ref() else {
            return;
        };
        let (Some(spec), Some(canvas)) =
            (p.spec.as_ref(), self.canvas_ref.cast::<HtmlCanvasElement>())
        else {
            return;
        };
        // Before the width observer's first report, the container's width as laid out now.
        let width = match p.width {
            0 => self
                .wrap_ref
                .cast::<web_sys::Element>()
                .map_or(0, |el| el.client_width().max(0) as u32),
            w => w,
        };
        if width == 0 {
            return;
        }
        let ratio = device_ratio();
        let h = height_for(spec, width);
        canvas.set_width((width as f64 * ratio).round() as u32);
        canvas.set_height((h as f64 * ratio).round() as u32);
        let style = ChartStyle {
            scale: ratio,
            hidden: p.hidden.clone(),
            focus: p.focus,
            draw_title: false,
            draw_legend: false,
            ..ChartStyle::default()
        };
        if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
            let root = backend.into_drawing_area();
            if let Ok(found) = charts::draw(&root, spec, &style) {
                *self.regions.borrow_mut() = found;
            }
            let _ = root.present();
        }
        let css = format!("width:{}px;height:{}px", width, h);
        let _ = canvas.set_attribute("style", &css);
        let mut done = self.done.borrow_mut();
        done.drawn = Some(Paint {
            spec: p.spec.clone(),
            hidden: p.hidden.clone(),
            focus: p.focus,
            width,
            beside: p.beside,
        });
        if !done.printed_as(p) && !std::mem::replace(&mut done.print_queued, true) {
            // Made when the page is printed, from what is drawn then; a chart gone by then
            // (another report) is not made at all.
            let drawing = Rc::downgrade(self);
            browser::for_print(move || {
                if let Some(drawing) = drawing.upgrade() {
                    drawing.print_latest();
                }
            });
        }
    }

    /// Makes the printed copy of what the canvas shows, unless it is made already.
    fn print_latest(&self) {
        let mut done = self.done.borrow_mut();
        done.print_queued = false;
        let Some(p) = done.drawn.as_ref() else {
            return;
        };
        let (Some(spec), Some(print)) =
            (p.spec.as_ref(), self.print_ref.cast::<web_sys::Element>())
        else {
            return;
        };
        if !done.printed_as(p) {
            print.set_inner_html(&print_svg(spec, &p.hidden, p.beside));
            done.printed = Some((p.spec.clone(), p.hidden.clone(), p.beside));
        }
    }
}

#[function_component(ChartView)]
pub fn chart_view(props: &ChartProps) -> Html {
    let table = &props.table;
    let spec = use_memo(table.clone(), chart_spec);
    let count = spec.as_ref().as_ref().map_or(0, |s| s.series_count());
    let hidden = use_state(|| vec![false; count]);
    let focus = use_state(|| None::<Point>);
    let hover = use_state(|| None::<(Point, f64, f64)>);
    let show_table = use_state(|| false);
    // The toolbar item that takes the Tab stop (the others have tabindex -1).
    let active_tool = use_state(|| 0usize);
    let toolbar_ref = use_node_ref();
    let drawing = use_memo((), |_| Drawing::default());

    // Follow the container's width: the observer's first report gives it once the page is
    // laid out (reading it here would force a layout of the whole report for every chart).
    // The drawing waiting in `browser::later` takes it; one done at another width (the window
    // resized) is done again there.
    {
        let drawing = drawing.clone();
        use_effect_with((), move |_| {
            let observer = drawing.wrap_ref.cast::<web_sys::Element>().and_then(|el| {
                let drawing = drawing.clone();
                let callback =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        if let Some(entry) = entries.get(0).dyn_ref::<ResizeObserverEntry>() {
                            let w = entry.content_rect().width().round().max(0.0) as u32;
                            drawing.width.set(w);
                            if let Some(p) = drawing.latest.borrow_mut().as_mut() {
                                p.width = w;
                            }
                            let moved = drawing
                                .done
                                .borrow()
                                .drawn
                                .as_ref()
                                .is_some_and(|p| w != 0 && p.width != w);
                            if moved {
                                drawing.queue();
                            }
                        }
                    });
                let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(&el);
                Some((observer, callback))
            });
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }

    // Draw whenever what is shown changes. A new chart is drawn in a later task
    // (`browser::later`), so that a report's 29 charts never hold up its figures nor make one
    // long task; a series hidden or a point focused is drawn at once. The printed copy is made
    // when the page is printed (`browser::for_print`).
    let beside = spec
        .as_ref()
        .as_ref()
        .is_some_and(|s| prints_beside(s, table));
    {
        let drawing = drawing.clone();
        let deps = (spec.clone(), (*hidden).clone(), *focus, beside);
        use_effect_with(deps, move |(spec, hidden, focus, beside)| {
            let width = drawing.width.get();
            let paint = Paint {
                spec: spec.clone(),
                hidden: hidden.clone(),
                focus: *focus,
                width,
                beside: *beside,
            };
            // Drawn already at this spec and width, or drawn at another: what to do.
            let (same, fresh) = {
                let d = drawing.done.borrow();
                let fresh = d
                    .drawn
                    .as_ref()
                    .is_some_and(|p| Rc::ptr_eq(&p.spec, spec) && (p.width == width || width == 0));
                let same = fresh
                    && d.drawn
                        .as_ref()
                        .is_some_and(|p| p.hidden == *hidden && p.focus == *focus);
                (same, fresh)
            };
            *drawing.latest.borrow_mut() = Some(paint);
            if same {
                // Nothing changed on the canvas.
            } else if fresh {
                drawing.paint_latest();
            } else {
                drawing.queue();
            }
            || ()
        });
    }
    let Some(spec) = spec.as_ref().clone() else {
        return html! {};
    };
    let description = charts::describe(&spec, &hidden);
    let live = focus
        .map(|p| charts::point_label(&spec, p))
        .unwrap_or_default();

    let on_move = {
        let drawing = drawing.clone();
        let hover = hover.clone();
        Callback::from(move |e: MouseEvent| {
            let ratio = device_ratio();
            let (x, y) = (e.offset_x() as f64, e.offset_y() as f64);
            let found = charts::point_at(
                &drawing.regions.borrow(),
                (x * ratio).round() as i32,
                (y * ratio).round() as i32,
            );
            hover.set(found.map(|p| (p, x, y)));
        })
    };
    let on_leave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let on_key = {
        let spec = spec.clone();
        let hidden = hidden.clone();
        let focus = focus.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = match e.key().as_str() {
                "ArrowLeft" => Key::Left,
                "ArrowRight" => Key::Right,
                "ArrowUp" => Key::Up,
                "ArrowDown" => Key::Down,
                "Home" => Key::Home,
                "End" => Key::End,
                "Escape" => {
                    focus.set(None);
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            focus.set(charts::next_point(&spec, &hidden, *focus, key));
        })
    };
    let on_blur = {
        let focus = focus.clone();
        Callback::from(move |_: FocusEvent| focus.set(None))
    };
    let toggle_table = {
        let show_table = show_table.clone();
        Callback::from(move |_: MouseEvent| show_table.set(!*show_table))
    };
    let on_png = {
        let spec = spec.clone();
        let hidden = hidden.clone();
        Callback::from(move |_: MouseEvent| export_png(&spec, &hidden))
    };
    let on_svg = {
        let spec = spec.clone();
        let hidden = hidden.clone();
        Callback::from(move |_: MouseEvent| {
            let style = export_style(&hidden, 1.0);
            let h = height_for(&spec, EXPORT_WIDTH) + legend_room(&spec);
            let svg = charts::to_svg(&spec, &style, EXPORT_WIDTH, h);
            browser::download_text(&format!("{}.svg", spec.id), "image/svg+xml", &svg);
        })
    };

    // The toolbar's items in order: the legend's entries (with two series or more), then
    // "show as table" and the three downloads.
    let legend_items = if spec.series_count() > 1 {
        spec.series_count()
    } else {
        0
    };
    let tools = legend_items + 4;
    let active = (*active_tool).min(tools - 1);
    let tabindex = move |i: usize| Some(if i == active { "0" } else { "-1" });
    let on_tool_key = {
        let active_tool = active_tool.clone();
        let toolbar_ref = toolbar_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (active + 1) % tools,
                "ArrowLeft" | "ArrowUp" => (active + tools - 1) % tools,
                "Home" => 0,
                "End" => tools - 1,
                _ => return,
            };
            e.prevent_default();
            active_tool.set(next);
            focus_tool(&toolbar_ref, next);
        })
    };
    // A click (or focus from a screen reader's own navigation) makes that item the Tab stop.
    let on_tool_focus = {
        let active_tool = active_tool.clone();
        let toolbar_ref = toolbar_ref.clone();
        Callback::from(move |_: FocusEvent| {
            if let Some(i) = focused_tool(&toolbar_ref) {
                if i != *active_tool {
                    active_tool.set(i);
                }
            }
        })
    };
    let legend = if legend_items > 0 {
        html! {
            <ul class="chart__legend" aria-label="Series: choose one to show or hide it">
                { for (0..spec.series_count()).map(|i| {
                    let name = spec.series_at(i).map(|s| s.name.clone()).unwrap_or_default();
                    let shown = !hidden.get(i).copied().unwrap_or(false);
                    let onclick = {
                        let hidden = hidden.clone();
                        Callback::from(move |_: MouseEvent| {
                            let mut next = (*hidden).clone();
                            if let Some(h) = next.get_mut(i) {
                                *h = !*h;
                            }
                            hidden.set(next);
                        })
                    };
                    html!{
                        <li>
                            <button type="button" class="chart__legend-item chart__tool" aria-pressed={shown.to_string()} {onclick} tabindex={tabindex(i)}>
                                <Swatch spec={Rc::new(spec.clone())} index={i} />
                                <span>{name}</span>
                                <span class="visually-hidden">{if shown { " (shown)" } else { " (hidden)" }}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        }
    } else {
        html! {}
    };
    let tooltip = hover.as_ref().map(|(p, x, y)| {
        let style = format!("left:{}px;top:{}px", x + 14.0, y + 14.0);
        html! { <div class="chart__tooltip" style={style} aria-hidden="true">{charts::point_label(&spec, *p)}</div> }
    });
    let desc_id = format!("chart-{}-description", spec.id);
    // What each category's bar reaches as drawn (its series summed; markers apart), for the
    // browser tests to hold against the table.
    let bars: Vec<Option<f64>> = (0..spec.categories.len())
        .map(|c| {
            let drawn: Vec<f64> = spec
                .series
                .iter()
                .filter_map(|s| s.values.get(c).copied().flatten())
                .collect();
            (!drawn.is_empty()).then(|| drawn.iter().sum())
        })
        .collect();
    let bars = serde_json::to_string(&bars).unwrap_or_default();
    let plan = table.chart.as_ref();
    let series = plan.map(|p| serde_json::to_string(&p.series).unwrap_or_default());
    let stack_total = plan.and_then(|p| match p.kind {
        crate::present::ChartKind::StackedColumns { total } => Some(total.to_string()),
        _ => None,
    });
    html! {
        <figure class={classes!("block", "chart", beside.then_some("chart--beside"))} id={format!("chart-{}", spec.id)} data-bars={bars}
                data-series={series} data-stack-total={stack_total}>
            <figcaption class="heading-s chart__title">{&spec.title}</figcaption>
            <div class="chart__frame" ref={drawing.wrap_ref.clone()}>
                <div class="chart__focus" tabindex="0" role="group"
                     aria-label={format!("{}. Chart: use the arrow keys to read each value.", spec.title)}
                     aria-describedby={desc_id.clone()} onkeydown={on_key} onblur={on_blur}>
                    <canvas ref={drawing.canvas_ref.clone()} class="chart__canvas" role="img" aria-label={description.clone()}
                            onmousemove={on_move} onmouseleave={on_leave}></canvas>
                </div>
                { for tooltip }
            </div>
            // Shown only in print (the canvas is not): the screen has the canvas's text
            // alternative, so this copy is hidden from screen readers.
            <div class="chart__print" aria-hidden="true" ref={drawing.print_ref.clone()}></div>
            <p class="visually-hidden" aria-live="polite">{live}</p>
            <div class="chart__toolbar" role="toolbar" ref={toolbar_ref}
                 aria-label={format!("{}: series and downloads (arrow keys move between them)", spec.title)}
                 onkeydown={on_tool_key} onfocusin={on_tool_focus}>
                { legend }
                <div class="button-group no-print">
                    <button type="button" class="button button--secondary button--small chart__tool" onclick={toggle_table}
                            tabindex={tabindex(legend_items)}
                            aria-expanded={show_table.to_string()} aria-controls={format!("table-{}", spec.id)}>
                        {if *show_table { "Hide the table" } else { "Show as table" }}
                    </button>
                    <button type="button" class="button button--secondary button--small chart__tool" onclick={on_png}
                            tabindex={tabindex(legend_items + 1)}
                            aria-label={format!("Download chart (PNG): {}", spec.title)}>{"Download chart (PNG)"}</button>
                    <button type="button" class="button button--secondary button--small chart__tool" onclick={on_svg}
                            tabindex={tabindex(legend_items + 2)}
                            aria-label={format!("Download chart (SVG): {}", spec.title)}>{"Download chart (SVG)"}</button>
                    { csv_button(table, tabindex(legend_items + 3)) }
                </div>
            </div>
            // The legend right under the chart it explains; the written summary after it.
            <p class="chart__description hint" id={desc_id}>{description}</p>
            <div class={classes!("chart__table", (!*show_table).then_some("chart__table--collapsed"))}>
                { table_html(table) }
            </div>
        </figure>
    }
}

/// The toolbar's items (`.chart__tool`), in order.
fn tools(toolbar: &NodeRef) -> Vec<web_sys::HtmlElement> {
    let Some(list) = toolbar
        .cast::<web_sys::Element>()
        .and_then(|t| t.query_selector_all(".chart__tool").ok())
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Moves focus to the toolbar's item `i`.
fn focus_tool(toolbar: &NodeRef, i: usize) {
    if let Some(item) = tools(toolbar).get(i) {
        let _ = item.focus();
    }
}

/// The toolbar item that has focus.
fn focused_tool(toolbar: &NodeRef) -> Option<usize> {
    let focused = web_sys::window()?.document()?.active_element()?;
    tools(toolbar)
        .iter()
        .position(|t| focused.is_same_node(Some(t)))
}

/// Room for the title and legend drawn into exports.
fn legend_room(spec: &ChartSpec) -> u32 {
    40 + 24 * spec.series_count().min(6) as u32
}

fn export_style(hidden: &[bool], scale: f64) -> ChartStyle {
    ChartStyle {
        scale,
        hidden: hidden.to_vec(),
        focus: None,
        draw_title: true,
        draw_legend: true,
        ..ChartStyle::default()
    }
}

/// Draws the chart with its title and legend on a canvas outside the page, at twice the size
/// for print quality, and offers it as a PNG.
fn export_png(spec: &ChartSpec, hidden: &[bool]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(canvas) = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return;
    };
    let scale = 2.0;
    let h = height_for(spec, EXPORT_WIDTH) + legend_room(spec);
    canvas.set_width((EXPORT_WIDTH as f64 * scale) as u32);
    canvas.set_height((h as f64 * scale) as u32);
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
        let root = backend.into_drawing_area();
        let _ = root.fill(&WHITE);
        let _ = charts::draw(&root, spec, &export_style(hidden, scale));
        let _ = root.present();
    }
    if let Ok(url) = canvas.to_data_url_with_type("image/png") {
        browser::download_href(&format!("{}.png", spec.id), &url);
    }
}

/// A chart of the committee paper drawn as a PNG on a canvas outside the page, at
/// [`paper::PNG_SCALE`] times its size on a white ground: the picture under the paper's SVG
/// that LibreOffice and Word 2013 show. `None` when the browser gives no canvas or PNG.
pub fn paper_png(chart: &paper::ChartPicture) -> Option<Vec<u8>> {
    let window = web_sys::window()?;
    let canvas: HtmlCanvasElement = window
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    let scale = paper::PNG_SCALE;
    canvas.set_width(chart.width * scale);
    canvas.set_height(chart.height * scale);
    let root = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    root.fill(&WHITE).ok()?;
    let style = ChartStyle {
        scale: f64::from(scale),
        ..chart.style.clone()
    };
    charts::draw(&root, chart.spec, &style).ok()?;
    root.present().ok()?;
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    let encoded = url.strip_prefix("data:image/png;base64,")?;
    // atob gives the bytes as a string of code points 0 to 255.
    let bytes = window.atob(encoded).ok()?;
    Some(bytes.chars().map(|c| c as u32 as u8).collect())
}

#[derive(Properties, PartialEq)]
struct SwatchProps {
    spec: Rc<ChartSpec>,
    index: usize,
}

/// A legend entry's colour and pattern, drawn by the same code as the chart.
#[function_component(Swatch)]
fn swatch(props: &SwatchProps) -> Html {
    let canvas_ref = use_node_ref();
    {
        let canvas_ref = canvas_ref.clone();
        let deps = (props.spec.clone(), props.index);
        use_effect_with(deps, move |(spec, index)| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let ratio = device_ratio();
                canvas.set_width((28.0 * ratio) as u32);
                canvas.set_height((18.0 * ratio) as u32);
                if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
                    let root = backend.into_drawing_area();
                    let _ = charts::draw_swatch(&root, spec, *index, ratio);
                    let _ = root.present();
                }
            }
            || ()
        });
    }
    html! { <canvas ref={canvas_ref} class="chart__swatch" aria-hidden="true"></canvas> }
}
