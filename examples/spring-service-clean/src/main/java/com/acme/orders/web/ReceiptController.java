package com.acme.orders.web;

import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Receipts go to object storage; nothing is written to this machine's disk. */
@RestController
public class ReceiptController {
    private final S3Client s3 = S3Client.create();
    private final String bucket;

    public ReceiptController(@Value("${uploads.bucket}") String bucket) {
        this.bucket = bucket;
    }

    @PostMapping("/orders/{id}/receipt")
    public ResponseEntity<Void> upload(@PathVariable String id, @RequestParam("receipt") MultipartFile receipt) throws IOException {
        PutObjectRequest request = PutObjectRequest.builder()
            .bucket(bucket)
            .key("receipts/" + id + "/" + receipt.getOriginalFilename())
            .contentType(receipt.getContentType())
            .build();
        s3.putObject(request, RequestBody.fromInputStream(receipt.getInputStream(), receipt.getSize()));
        return ResponseEntity.status(201).build();
    }
}
