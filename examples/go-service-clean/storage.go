package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// ObjectStore writes objects to an S3-compatible bucket through pre-authorised PUTs (UPLOAD_BUCKET_URL).
type ObjectStore struct {
	base   string
	client *http.Client
}

func newObjectStore(base string) *ObjectStore {
	return &ObjectStore{base: base, client: http.DefaultClient}
}

func (s *ObjectStore) Put(ctx context.Context, key string, body io.Reader, contentType string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, s.base+"/"+url.PathEscape(key), body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("object store: %s", resp.Status)
	}
	return nil
}
