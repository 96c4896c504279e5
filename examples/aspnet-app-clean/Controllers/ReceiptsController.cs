using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orders.Api.Data;

namespace Orders.Api.Controllers;

/// <summary>Receipts go to object storage (Uploads__Bucket); nothing is written to this machine's disk.</summary>
[ApiController]
[Authorize]
[Route("orders/{id:guid}/receipt")]
public class ReceiptsController(OrdersDb db, IAmazonS3 s3, IConfiguration configuration) : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> Upload(Guid id, IFormFile receipt)
    {
        var order = await db.Orders.FindAsync(id);
        if (order is null) return NotFound();

        var key = $"receipts/{id}/{receipt.FileName}";
        await using var body = receipt.OpenReadStream();
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = configuration["Uploads:Bucket"],
            Key = key,
            InputStream = body,
            ContentType = receipt.ContentType,
        });

        order.ReceiptPath = key;
        await db.SaveChangesAsync();
        return Created($"/orders/{id}/receipt", null);
    }
}
