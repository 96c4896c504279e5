package com.acme.orders.web;

import java.io.File;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class ReceiptController {

    @PostMapping("/orders/{id}/receipt")
    public ResponseEntity<Void> upload(@PathVariable String id, @RequestParam("receipt") MultipartFile receipt) throws IOException {
        File dir = new File("uploads/receipts/" + id);
        dir.mkdirs();
        receipt.transferTo(new File(dir, receipt.getOriginalFilename()));
        return ResponseEntity.status(201).build();
    }
}
