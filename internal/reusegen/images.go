package reusegen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	xdraw "golang.org/x/image/draw"

	"github.com/proofpack/proofpack/internal/docgen"
)

// Split names the half a page or text is dealt to: thresholds are decided
// on Decided and only reported on HeldOut.
type Split string

// The two halves of the set.
const (
	Decided Split = "decided"
	HeldOut Split = "held-out"
)

// Role says what a page or text stands for in the measurement: Library
// items were published in an earlier pack; Fresh ones are new content of
// the same templates, which must not match.
type Role string

// The roles.
const (
	Library Role = "library"
	Fresh   Role = "fresh"
)

// PerTemplate is the number of pages (and of texts) drawn per template:
// half per split, and in each half LibraryPerHalf of them in the library,
// the rest fresh (a third re-used, two thirds fresh, as the issue asks).
const (
	PerTemplate    = 24
	LibraryPerHalf = 4
)

// Page is one generated screenshot page: the Index-th page of screen
// template Template, its half and role, and what docgen draws.
type Page struct {
	Template int
	Index    int
	Split    Split
	Role     Role
	Spec     docgen.ScreenshotSpec
}

// Name identifies the page in reports.
func (p Page) Name() string { return fmt.Sprintf("screen-t%02d-%02d", p.Template, p.Index) }

// screenTemplate is the fixed frame of one kind of screen; rows and the
// rest of the content change from page to page.
type screenTemplate struct {
	window, app string
	color       color.RGBA
	menu, nav   []string
	cols        []docgen.Column
	jp          bool
	row         func(r *rng, p person, o orgName) []string
}

var screenTemplates = []screenTemplate{
	{"Customer records - Portal", "Customer Portal", color.RGBA{0x00, 0x3d, 0x7c, 0xff},
		[]string{"File", "Edit", "View", "Records", "Help"}, []string{"Customers", "Contracts", "Invoices", "Reports"},
		[]docgen.Column{col("ID", 110), col("Name", 200), col("E-mail", 280), col("Town", 140), col("Balance", 130)}, false,
		func(r *rng, p person, o orgName) []string {
			return []string{p.ID, p.Name, p.Email, p.Town, money(p.Amount)}
		}},
	{"Payroll 2024 - Excel", "", color.RGBA{},
		[]string{"File", "Home", "Insert", "Formulas", "Data", "Review"}, []string{"Payroll.xlsx", "Bonus.xlsx", "Leave.xlsx"},
		[]docgen.Column{col("Employee", 210), col("Dept", 160), col("Salary", 130), col("Date", 130), col("Phone", 200)}, false,
		func(r *rng, p person, o orgName) []string {
			return []string{p.Name, p.Dept, money(p.Amount), p.Date, p.Phone}
		}},
	{"受注一覧 - 販売管理システム", "販売管理システム", color.RGBA{0x1b, 0x5e, 0x20, 0xff},
		[]string{"ファイル", "編集", "表示", "ヘルプ"}, []string{"受注一覧", "出荷", "請求", "顧客"},
		[]docgen.Column{col("受注番号", 130), col("顧客名", 190), col("担当", 150), col("金額", 130), col("受注日", 130)}, true,
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("SO-%06d", r.Intn(1000000)), o.Name, p.Name, money(p.Amount), p.Date}
		}},
	{"Inbox - Mail", "Mail", color.RGBA{0x0f, 0x6c, 0xbd, 0xff},
		[]string{"Home", "Send / Receive", "Folder", "View"}, []string{"Inbox", "Sent Items", "Drafts", "Archive", "Deleted Items"},
		[]docgen.Column{col("From", 210), col("Subject", 380), col("Received", 150), col("Size", 90)}, false,
		func(r *rng, p person, o orgName) []string {
			return []string{p.Name, fmt.Sprintf("%s: %s for order %s", pick(r, status), pick(r, products), p.ID), p.Date, fmt.Sprintf("%d KB", r.Between(8, 900))}
		}},
	{"\\\\fs01\\share - File Explorer", "", color.RGBA{},
		[]string{"File", "Home", "Share", "View"}, []string{"Quick access", "Desktop", "Documents", "Network", "fs01"},
		[]docgen.Column{col("Name", 330), col("Date modified", 170), col("Type", 150), col("Size", 110)}, false,
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("%s_%s_%d.xlsx", p.Dept, p.Town, r.Between(2019, 2025)), p.Date, "Excel Worksheet", fmt.Sprintf("%d KB", r.Between(10, 9000))}
		}},
	{"社員名簿 - 人事システム", "人事システム", color.RGBA{0x6a, 0x1b, 0x9a, 0xff},
		[]string{"ファイル", "表示", "ツール"}, []string{"社員名簿", "組織図", "勤怠", "給与"},
		[]docgen.Column{col("社員番号", 130), col("氏名", 170), col("所属", 170), col("内線", 110), col("入社日", 130)}, true,
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("%06d", r.Intn(1000000)), p.Name, p.Dept, fmt.Sprintf("%04d", r.Intn(10000)), p.Date}
		}},
	{"Tickets - Service Desk", "Service Desk", color.RGBA{0xb7, 0x1c, 0x1c, 0xff},
		[]string{"Queue", "Assets", "Knowledge", "Admin"}, []string{"My tickets", "Unassigned", "All open", "Resolved"},
		[]docgen.Column{col("Ticket", 110), col("Summary", 330), col("Requester", 190), col("State", 120)}, false,
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("INC%07d", r.Intn(10000000)), fmt.Sprintf("%s fault at %s", pick(r, products), p.Town), p.Name, pick(r, status)}
		}},
	{"Vendor master - ERP", "ERP", color.RGBA{0x37, 0x47, 0x4f, 0xff},
		[]string{"Master data", "Purchasing", "Accounting", "Settings"}, []string{"Vendors", "Materials", "Purchase orders", "Payments"},
		[]docgen.Column{col("Vendor", 110), col("Company", 250), col("Contact", 190), col("Terms", 110), col("Open amount", 140)}, false,
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("V%05d", r.Intn(100000)), pick(r, orgs).Name, p.Name, fmt.Sprintf("NET %d", 15*r.Between(1, 6)), money(p.Amount)}
		}},
}

// Pages returns every page of the set, PerTemplate per screen template,
// with its split and role. Fonts come from docgen.LoadFonts.
func Pages(fonts *docgen.Fonts) []Page {
	var pages []Page
	for t := range screenTemplates {
		for i := range PerTemplate {
			spec := screenSpec(fonts, t, newRNG(uint64(1000+t*PerTemplate+i)))
			pages = append(pages, Page{Template: t, Index: i, Split: split(i), Role: role(i), Spec: spec})
		}
	}
	return pages
}

// screenSpec draws one screen of template t with r: the organisation,
// the logged-in user, the address and status lines and 8-16 rows.
func screenSpec(fonts *docgen.Fonts, t int, r *rng) docgen.ScreenshotSpec {
	tpl := screenTemplates[t]
	o := orgs[r.Intn(len(orgs))]
	user := newPerson(r, o, tpl.jp)
	spec := docgen.ScreenshotSpec{
		Fonts: fonts, WindowTitle: tpl.window, Menu: tpl.menu, AppTitle: tpl.app, AppColor: tpl.color,
		Banner: user.Name, Nav: tpl.nav, Columns: tpl.cols,
		Address:   fmt.Sprintf("https://%s.%s/%s/%d", []string{"intra", "portal", "apps"}[r.Intn(3)], o.Domain, tpl.nav[0], r.Intn(100000)),
		Heading:   fmt.Sprintf("%s (%d)", tpl.nav[r.Intn(len(tpl.nav))], r.Between(40, 9000)),
		Lines:     []string{fmt.Sprintf("%s, %s department, %s", o.Name, user.Dept, user.Town)},
		Status:    fmt.Sprintf("%d items  |  %s", r.Between(40, 9000), user.Email),
		Clock:     []string{fmt.Sprintf("%02d:%02d", r.Between(7, 20), r.Intn(60)), user.Date},
		Highlight: r.Between(0, 8),
	}
	for range r.Between(8, 16) {
		spec.Rows = append(spec.Rows, tpl.row(r, newPerson(r, o, tpl.jp), o))
	}
	return spec
}

// split deals index i of a template to a half: even to Decided, odd to
// HeldOut.
func split(i int) Split {
	if i%2 == 0 {
		return Decided
	}
	return HeldOut
}

// role makes the first LibraryPerHalf items of each half library items.
func role(i int) Role {
	if i/2 < LibraryPerHalf {
		return Library
	}
	return Fresh
}

// ImageTransform is a way a re-used screenshot is re-published.
type ImageTransform string

// The image transforms of the measurement.
const (
	JPEG60    ImageTransform = "jpeg60"    // re-encoded as JPEG at quality 60
	Resize50  ImageTransform = "resize50"  // halved in both sides, PNG
	Crop5     ImageTransform = "crop5"     // up to 5 % of each side's length cut, split between its two ends at random, JPEG 85
	Crop1     ImageTransform = "crop1"     // as Crop5 with up to 1 %
	Rescreen  ImageTransform = "rescreen"  // a screenshot of it shown in a viewer: 85-100 % size, 2-8 px border, PNG
	Combined  ImageTransform = "combined"  // resize 50 %, crop up to 1 %, JPEG 60
	Unchanged ImageTransform = "unchanged" // the page as drawn, PNG
)

// ImageTransforms lists the transforms a re-used page goes through.
var ImageTransforms = []ImageTransform{JPEG60, Resize50, Crop1, Crop5, Rescreen, Combined}

// TransformImage applies t to img, with its random choices (crop sizes,
// scale, border) drawn from generator stream number stream, and returns
// the image decoded back from the bytes the transform writes.
func TransformImage(img image.Image, t ImageTransform, stream uint64) (image.Image, error) {
	b, format, err := EncodeTransformed(img, t, stream)
	if err != nil {
		return nil, err
	}
	var out image.Image
	if format == "jpeg" {
		out, err = jpeg.Decode(bytes.NewReader(b))
	} else {
		out, err = png.Decode(bytes.NewReader(b))
	}
	if err != nil {
		return nil, fmt.Errorf("reusegen: decode %s: %w", format, err)
	}
	return out, nil
}

// EncodeTransformed applies t to img as TransformImage does and returns
// the file the transform writes: its bytes and format, "png" or "jpeg".
func EncodeTransformed(img image.Image, t ImageTransform, stream uint64) ([]byte, string, error) {
	r := newRNG(stream)
	switch t {
	case Unchanged:
		return encode(img, "png", 0)
	case JPEG60:
		return encode(img, "jpeg", 60)
	case Resize50:
		return encode(scale(img, 0.5), "png", 0)
	case Crop5:
		return encode(crop(img, r, 5), "jpeg", 85)
	case Crop1:
		return encode(crop(img, r, 1), "jpeg", 85)
	case Combined:
		return encode(crop(scale(img, 0.5), r, 1), "jpeg", 60)
	case Rescreen:
		f := 0.85 + 0.15*r.Float64()
		s := scale(img, f)
		b := s.Bounds()
		l, tp, rt, bt := r.Between(2, 8), r.Between(2, 8), r.Between(2, 8), r.Between(2, 8)
		dst := image.NewRGBA(image.Rect(0, 0, b.Dx()+l+rt, b.Dy()+tp+bt))
		grey := uint8(r.Between(0x20, 0xe0))
		draw.Draw(dst, dst.Bounds(), image.NewUniform(color.RGBA{grey, grey, grey, 0xff}), image.Point{}, draw.Src)
		draw.Draw(dst, b.Add(image.Pt(l, tp)), s, b.Min, draw.Src)
		return encode(dst, "png", 0)
	}
	return nil, "", fmt.Errorf("reusegen: unknown image transform %q", t)
}

// scale resizes img by f with Catmull-Rom, as image editors do.
func scale(img image.Image, f float64) image.Image {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, max(1, int(float64(b.Dx())*f+0.5)), max(1, int(float64(b.Dy())*f+0.5))))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

// crop cuts up to maxPct % of the width and of the height (drawn by r in
// steps of 0.1 %), each split at random between the two ends.
func crop(img image.Image, r *rng, maxPct int) image.Image {
	b := img.Bounds()
	cut := func(n int) (int, int) {
		total := n * r.Between(0, maxPct*10) / 1000
		first := r.Between(0, total)
		return first, total - first
	}
	l, rt := cut(b.Dx())
	t, bt := cut(b.Dy())
	rect := image.Rect(b.Min.X+l, b.Min.Y+t, b.Max.X-rt, b.Max.Y-bt)
	dst := image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	draw.Draw(dst, dst.Bounds(), img, rect.Min, draw.Src)
	return dst
}

// encode writes img as PNG or JPEG of quality q.
func encode(img image.Image, format string, q int) ([]byte, string, error) {
	var buf bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: q})
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		return nil, "", fmt.Errorf("reusegen: encode %s: %w", format, err)
	}
	return buf.Bytes(), format, nil
}

// reencode writes img as PNG or JPEG and decodes it back.
func reencode(img image.Image, format string, quality int) (image.Image, error) {
	b, _, err := encode(img, format, quality)
	if err != nil {
		return nil, err
	}
	var out image.Image
	if format == "jpeg" {
		out, err = jpeg.Decode(bytes.NewReader(b))
	} else {
		out, err = png.Decode(bytes.NewReader(b))
	}
	if err != nil {
		return nil, fmt.Errorf("reusegen: decode %s: %w", format, err)
	}
	return out, nil
}

// col is a table column of a screen template.
func col(title string, width int) docgen.Column { return docgen.Column{Title: title, Width: width} }

// CropUniform cuts pct % of the width and of the height from every side
// of img, for the crop sweep of cmd/reusemeasure.
func CropUniform(img image.Image, pct float64) image.Image {
	b := img.Bounds()
	dx, dy := int(float64(b.Dx())*pct/100), int(float64(b.Dy())*pct/100)
	rect := image.Rect(b.Min.X+dx, b.Min.Y+dy, b.Max.X-dx, b.Max.Y-dy)
	dst := image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	draw.Draw(dst, dst.Bounds(), img, rect.Min, draw.Src)
	return dst
}

// ResizeJPEG resizes img by f and returns it decoded back from a JPEG of
// quality q (the example: 90 % and 85).
func ResizeJPEG(img image.Image, f float64, q int) (image.Image, error) {
	return reencode(scale(img, f), "jpeg", q)
}
