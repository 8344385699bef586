package oracle

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// oracleCommands are the commands that unit tests must not run: the tools
// of this package and the other names they go by.
func oracleCommands() []string {
	names := []string{"7z", "7za", "unar", "unzip", "perl"}
	for _, t := range Tools() {
		names = append(names, t.Name)
	}
	return names
}

// liveOracles returns, for the test files of one package directory,
// every string literal outside a benchmark that names an oracle command
// and is passed to an os/exec function, to testenv.Command, or to a
// function of these files that calls os/exec (a helper such as
// runTool(t, "lsar", ...)). Files of an
// explicit oracle run (//go:build exiftool) are left out.
func liveOracles(fset *token.FileSet, files []*ast.File) []string {
	// The functions of the package that call os/exec.
	runners := map[string]bool{}
	for _, f := range files {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv == nil && callsExec(f, fd) {
				runners[fd.Name.Name] = true
			}
		}
	}
	commands := oracleCommands()
	var found []string
	for _, f := range files {
		if explicitOracleRun(f) {
			continue
		}
		exec := execName(f)
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && strings.HasPrefix(fd.Name.Name, "Benchmark") {
				continue // benchmarks time the tools side by side
			}
			if fd, ok := decl.(*ast.FuncDecl); ok && regenerates(fd) {
				continue // re-creates fixtures with the tool (make check-generate), checks nothing against it
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch fn := call.Fun.(type) {
				case *ast.SelectorExpr:
					id, ok := fn.X.(*ast.Ident)
					if !ok {
						return true
					}
					isExec := exec != "" && id.Name == exec
					// internal/testenv.Command finds a command for the test to run.
					isTestenv := id.Name == "testenv" && fn.Sel.Name == "Command"
					if !isExec && !isTestenv {
						return true
					}
				case *ast.Ident:
					if !runners[fn.Name] {
						return true
					}
				default:
					return true
				}
				for _, a := range call.Args {
					lit, ok := a.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					if s, err := strconv.Unquote(lit.Value); err == nil && slices.Contains(commands, s) {
						found = append(found, fmt.Sprintf("%s: %q", fset.Position(lit.Pos()), s))
					}
				}
				return true
			})
		}
	}
	return found
}

// callsExec reports whether fd, declared in f, calls a function of os/exec.
func callsExec(f *ast.File, fd *ast.FuncDecl) bool {
	exec := execName(f)
	if exec == "" || fd.Body == nil {
		return false
	}
	var calls bool
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == exec {
				calls = true
			}
		}
		return !calls
	})
	return calls
}

// execName is the name under which f imports os/exec, or "".
func execName(f *ast.File) string {
	for _, imp := range f.Imports {
		if imp.Path.Value != `"os/exec"` {
			continue
		}
		if imp.Name != nil {
			return imp.Name.Name
		}
		return "exec"
	}
	return ""
}

// explicitOracleRun reports a file built only with the exiftool tag (make
// compare-exiftool).
func explicitOracleRun(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//go:build ") && strings.Contains(c.Text, "exiftool") {
				return true
			}
		}
	}
	return false
}

// moduleRoot finds the directory of go.mod above the working directory.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the working directory")
		dir = parent
	}
}

// TestUnitTestsRunNoOracle proves that no unit test of the repository
// runs an outside oracle: each reads its golden through this package.
func TestUnitTestsRunNoOracle(t *testing.T) {
	root := moduleRoot(t)
	self, err := os.Getwd()
	require.NoError(t, err)
	byDir := map[string][]string{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if p != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, "_test.go") && filepath.Dir(p) != self {
			byDir[filepath.Dir(p)] = append(byDir[filepath.Dir(p)], p)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, byDir, "no test files found under %s", root)

	var found []string
	for _, paths := range byDir {
		fset := token.NewFileSet()
		var files []*ast.File
		for _, p := range paths {
			f, err := parser.ParseFile(fset, p, nil, parser.ParseComments|parser.SkipObjectResolution)
			require.NoError(t, err)
			files = append(files, f)
		}
		for _, s := range liveOracles(fset, files) {
			rel := s
			if r, err := filepath.Rel(root, s); err == nil {
				rel = r
			}
			found = append(found, rel)
		}
	}
	slices.Sort(found)
	assert.Empty(t, found, "unit tests must read outside tools' output from goldens (internal/oracle, make oracles), not run them")
}

func TestLiveOraclesFinds(t *testing.T) {
	tests := []struct {
		name  string
		src   []string
		found int
	}{
		{"exec of exiftool", []string{`package p
import "os/exec"
func TestX() { exec.Command("exiftool", "-json", "a.jpg").Run() }`}, 1},
		{"renamed import, LookPath", []string{`package p
import x "os/exec"
func helper() { x.LookPath("msgconvert") }`}, 1},
		{"helper in another file of the package", []string{`package p
import "os/exec"
func runTool(name string) { exec.Command(name).Run() }`, `package p
func TestRar() { runTool("lsar") }`}, 1},
		{"benchmark", []string{`package p
import "os/exec"
func BenchmarkX() { exec.LookPath("tesseract") }`}, 0},
		{"explicit oracle run", []string{`//go:build exiftool

package p
import "os/exec"
func TestX() { exec.LookPath("exiftool") }`}, 0},
		{"no exec: the name is only text", []string{`package p
import "os/exec"
func TestX() { _ = "exiftool"; assert.Contains(t, engine, "tesseract"); exec.Command("go") }`}, 0},
		{"helper calling a helper", []string{`package p
import "os/exec"
func runTool(name string) { exec.Command(name).Run() }
func run7zz(args ...string) { runTool("7zz") }`}, 1},
		{"testenv.Command", []string{`package p
func TestX() { bin := testenv.Command(t, "exiftool", "libimage-exiftool-perl"); _ = bin }`}, 1},
		{"testenv.Command of a runtime dependency", []string{`package p
func TestX() { testenv.Command(t, "pdftoppm", "poppler-utils") }`}, 0},
		{"a test that re-creates fixtures with the tool", []string{`package p
func TestBuilder() { testenv.Generate(t, "the 7z fixtures"); testenv.Command(t, "7zz", "7zip") }`}, 0},
		{"exec of another program", []string{`package p
import "os/exec"
func TestX() { exec.LookPath("chromium"); exec.Command("go", "build") }`}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			var files []*ast.File
			for i, src := range tc.src {
				f, err := parser.ParseFile(fset, fmt.Sprintf("f%d_test.go", i), src, parser.ParseComments)
				require.NoError(t, err)
				files = append(files, f)
			}
			assert.Len(t, liveOracles(fset, files), tc.found)
		})
	}
}

// regenerates reports whether fd is a test that runs only when fixtures
// are re-created: its body calls testenv.Generate.
func regenerates(fd *ast.FuncDecl) bool {
	found := false
	ast.Inspect(fd, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "testenv" && sel.Sel.Name == "Generate" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
