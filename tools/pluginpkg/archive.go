package main

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Zip writes distDir into zipPath under a top-level folder named after the plugin id, the layout
// Grafana's plugin installer (grafana cli --pluginUrl, GF_PLUGINS_PREINSTALL) unpacks; backend
// executables keep their executable bit. The zip is written aside and renamed, never half-written.
func Zip(distDir, pluginID, zipPath string) error {
	var files []string
	err := filepath.WalkDir(distDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	tmp := zipPath + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(out)
	for _, f := range files {
		rel, _ := filepath.Rel(distDir, f)
		if err := addFile(zw, f, path.Join(pluginID, filepath.ToSlash(rel))); err != nil {
			_ = out.Close()
			_ = os.Remove(tmp)
			return err
		}
	}
	if err := zw.Close(); err != nil {
		_ = out.Close()
		_ = os.Remove(tmp)
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, zipPath)
}

func addFile(zw *zip.Writer, src, name string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	hdr, err := zip.FileInfoHeader(info)
	if err != nil {
		return err
	}
	hdr.Name = name
	hdr.Method = zip.Deflate
	if strings.Contains(path.Base(name), "gpx_") && !strings.HasSuffix(name, ".exe") {
		hdr.SetMode(0o755)
	}
	w, err := zw.CreateHeader(hdr)
	if err != nil {
		return fmt.Errorf("zip %s: %w", name, err)
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.Copy(w, in)
	return err
}
