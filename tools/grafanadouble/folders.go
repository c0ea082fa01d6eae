package grafanadouble

import (
	"net/http"
)

// generalFolderUID is the root of the folder tree in scopes.
// Grafana 12.x pkg/services/folder/model.go GeneralFolderUID.
const generalFolderUID = "general"

func (g *Grafana) folderRoutes(mux *http.ServeMux) {
	// Grafana 12.x pkg/api/folder.go registerFolderAPI: reading a folder needs folders:read on
	// that folder; creating one needs folders:create at the route, the rest is in the service.
	g.handle(mux, "GET /api/folders/{uid}", func(r *http.Request) evaluator {
		return perm("folders:read", "folders:uid:"+r.PathValue("uid"))
	}, g.getFolder)
	g.handle(mux, "POST /api/folders", always(perm("folders:create")), g.createFolder)
}

// Folders lists the folders of an organisation.
func (g *Grafana) Folders(orgID int64) []Folder {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []Folder
	for _, f := range g.org(orgID).folders {
		out = append(out, *f)
	}
	return out
}

func (g *Grafana) getFolder(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	f, ok := g.org(caller(r).orgID).folders[r.PathValue("uid")]
	g.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "folder not found"})
		return
	}
	writeJSON(w, http.StatusOK, f)
}

func (g *Grafana) createFolder(w http.ResponseWriter, r *http.Request) {
	var body struct {
		UID       string `json:"uid"`
		Title     string `json:"title"`
		ParentUID string `json:"parentUid"`
	}
	if err := readJSON(r, &body); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	id := caller(r)
	// Grafana 12.x pkg/services/folder/folderimpl/folder.go Create: at the root, folders:create on
	// folders:uid:general; in a folder, folders:write or folders:create on the parent.
	if body.ParentUID == "" {
		if !perm("folders:create", "folders:uid:"+generalFolderUID).evaluate(id.perms) {
			writeJSON(w, http.StatusForbidden, map[string]string{"message": "user is missing the permission with action folders:create and scope folders:uid:general, which is required to create a folder under the root level"})
			return
		}
	} else if scope := "folders:uid:" + body.ParentUID; !anyOf(perm("folders:write", scope), perm("folders:create", scope)).evaluate(id.perms) {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "user is missing the permission with action either folders:create or folders:write and scope " + scope + " or any of the parent folder scopes"})
		return
	}
	switch {
	case body.Title == "":
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "folder title cannot be empty"})
		return
	case body.UID == generalFolderUID || (body.UID != "" && !validUID(body.UID)):
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "invalid uid for folder provided"})
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.org(id.orgID)
	if _, exists := o.folders[body.UID]; exists {
		writeJSON(w, http.StatusConflict, map[string]string{"message": "a folder with the same uid already exists"})
		return
	}
	f := g.addFolder(o, body.UID, body.Title, body.ParentUID)
	writeJSON(w, http.StatusOK, f)
}

func (g *Grafana) addFolder(o *org, uid, title, parentUID string) *Folder {
	if uid == "" {
		uid = "f" + itoa(g.newID()) + "generated"
	}
	f := &Folder{ID: g.newID(), UID: uid, Title: title, ParentUID: parentUID}
	o.folders[uid] = f
	return f
}
