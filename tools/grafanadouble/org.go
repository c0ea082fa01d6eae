package grafanadouble

import (
	"encoding/json"
	"sort"
)

// Provenance says who manages an alerting resource.
// Grafana 12.x pkg/services/ngalert/models/provisioning.go: "" (none), "api", "file".
type Provenance string

const (
	ProvenanceNone Provenance = ""
	ProvenanceAPI  Provenance = "api"
	ProvenanceFile Provenance = "file"
)

// org is everything one organisation holds.
type org struct {
	id          int64
	name        string
	folders     map[string]*Folder
	datasources map[string]*Datasource
	templates   map[string]*storedTemplate
	receivers   map[string]*storedIntegration // by integration uid
	rules       map[string]*storedRule        // by rule uid
	intervals   map[groupKey]int64
	policy      *storedPolicy
	plugin      *pluginSetting
}

type groupKey struct{ folderUID, title string }

// Folder is a folder of dashboards and alert rules.
type Folder struct {
	ID        int64  `json:"id"`
	UID       string `json:"uid"`
	Title     string `json:"title"`
	ParentUID string `json:"parentUid,omitempty"`
}

type storedTemplate struct {
	content    string
	provenance Provenance
}

// storedIntegration is one integration of a contact point; secure settings are kept apart, as
// Grafana's notifier stores them encrypted.
type storedIntegration struct {
	uid, name, typ        string
	settings              map[string]any
	secure                map[string]string
	disableResolveMessage bool
	provenance            Provenance
}

type storedRule struct {
	fields     map[string]json.RawMessage // as submitted, with Grafana's normalisations applied
	folderUID  string
	group      string
	index      int
	provenance Provenance
}

type storedPolicy struct {
	tree       json.RawMessage
	provenance Provenance
}

func newOrg(id int64, name string) *org {
	return &org{
		id: id, name: name,
		folders:     map[string]*Folder{},
		datasources: map[string]*Datasource{},
		templates:   map[string]*storedTemplate{},
		receivers:   map[string]*storedIntegration{},
		rules:       map[string]*storedRule{},
		intervals:   map[groupKey]int64{},
		plugin:      &pluginSetting{},
	}
}

func (o *org) folderByTitle(title, parentUID string) *Folder {
	for _, f := range o.folders {
		if f.Title == title && f.ParentUID == parentUID {
			return f
		}
	}
	return nil
}

// groupRules returns the rules of one group in their stored order.
func (o *org) groupRules(folderUID, title string) []*storedRule {
	var out []*storedRule
	for _, r := range o.rules {
		if r.folderUID == folderUID && r.group == title {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].index < out[j].index })
	return out
}

// integrationsNamed returns the integrations of one contact point, sorted by uid.
func (o *org) integrationsNamed(name string) []*storedIntegration {
	var out []*storedIntegration
	for _, in := range o.receivers {
		if in.name == name {
			out = append(out, in)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].uid < out[j].uid })
	return out
}
