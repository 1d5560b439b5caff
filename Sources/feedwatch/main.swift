print("feedwatch")
